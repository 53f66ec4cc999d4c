#pragma once
// Columnar OHLCV bars: one contiguous double array per field, int64 UTC timestamps.
#include "strata/visibility.h"
#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace strata {

/// Microseconds since the Unix epoch, UTC.
using Timestamp = std::int64_t;

struct STRATA_ENGINE_EXPORT Bars {
  std::vector<Timestamp> timestamps;
  Eigen::VectorXd open, high, low, close, volume;

  Eigen::Index size() const { return static_cast<Eigen::Index>(timestamps.size()); }
  void resize(Eigen::Index n);
  /// Rows [0, count): the bars a user would have had at row count-1.
  Bars head(Eigen::Index count) const;
  /// Rows [begin, end), clamped to the bars.
  Bars slice(Eigen::Index begin, Eigen::Index end) const;
};

}  // namespace strata
