#pragma once
// A fingerprint of input bars: what a cache key and an exported file's metadata record so that
// new or changed bars are never mistaken for the old ones.
#include "strata/visibility.h"
#include "strata/bars.h"

#include <QString>

#include <cstdint>

namespace strata {

struct STRATA_ENGINE_EXPORT BarsFingerprint {
  qint64 count = 0;
  Timestamp first = 0;
  Timestamp last = 0;
  std::uint64_t checksum = 0;  // over timestamps and every OHLCV value, bit for bit
  /// "n=1258;first=...;last=...;sum=0123abcd..." (stable across runs and machines)
  QString toString() const;
  bool operator==(const BarsFingerprint&) const = default;
};

STRATA_ENGINE_EXPORT BarsFingerprint fingerprint(const Bars& bars);

}  // namespace strata
