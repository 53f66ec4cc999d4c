#pragma once
// Aggregates bars into a coarser timeframe: open first, high max, low min, close last, volume
// sum, over UTC buckets that are left-closed and left-labelled. A bucket with no bars makes no
// row (gaps stay gaps: no invented flat bars). NaN fields are skipped like pandas' resample.
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/timeframe.h"

namespace strata {

STRATA_ENGINE_EXPORT Bars resample(const Bars& bars, const Timeframe& to);

/// The smallest positive step between consecutive timestamps: the data's own timeframe.
STRATA_ENGINE_EXPORT std::optional<Timeframe> detectTimeframe(const Bars& bars);

}  // namespace strata
