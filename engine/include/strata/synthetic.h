#pragma once
// Seeded synthetic bars for benchmarks and stress tests: a geometric random walk with
// volatility clustering, an intraday volume smile, occasional gaps and zero-volume bars.
// Same seed, same bars, on every machine (std::mt19937_64 and hand-written transforms; the
// standard distributions are implementation-defined).
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/timeframe.h"

#include <cstdint>

namespace strata {

struct STRATA_ENGINE_EXPORT SyntheticSpec {
  Eigen::Index rows = 525'600;
  std::uint64_t seed = 42;
  Timestamp start = 1'577'836'800'000'000;  // 2020-01-01T00:00:00Z
  Timeframe timeframe = Timeframe::fromSeconds(60);
  double startPrice = 100.0;
};

STRATA_ENGINE_EXPORT Bars synthesizeBars(const SyntheticSpec& spec);

}  // namespace strata
