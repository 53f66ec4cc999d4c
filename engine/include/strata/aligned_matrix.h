#pragma once
// The aligned multi-timeframe matrix: one row per bar of the smallest timeframe; every
// timeframe's columns beside it, prefixed "1h__rsi". A higher timeframe's values at a base row
// come from its latest bar that had CLOSED by the base row's close:
//   higher start + higher duration <= base start + base duration
// so no row sees a higher bar that was still forming (truncation invariant: removing the bars
// after t changes nothing at row t). Rows before any higher bar closed hold NaN for it.
// The values joined are those of each timeframe's FeatureSet as given: raw, or normalised per
// timeframe (with fit: all, each timeframe's min/max come from its own future; see
// docs/multi_timeframe.md).
#include "strata/visibility.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <vector>

namespace strata {

struct STRATA_ENGINE_EXPORT TimeframeFeatures {
  Timeframe timeframe;
  const FeatureSet* features = nullptr;
};

/// Columns in the order of `parts`; the target is the smallest timeframe's. One matrix is
/// allocated; each higher timeframe is joined by one forward walk over its rows.
STRATA_ENGINE_EXPORT FeatureSet alignTimeframes(const std::vector<TimeframeFeatures>& parts);

/// "1h__rsi"
STRATA_ENGINE_EXPORT QString alignedColumnName(const Timeframe& timeframe, const QString& column);

}  // namespace strata
