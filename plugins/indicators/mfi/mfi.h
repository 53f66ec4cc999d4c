#pragma once
// The money flow index, TA-Lib's MFI: RSI's ratio on volume-weighted typical prices.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// With tp = (high + low + close) / 3 and flow = tp * volume: 100 * positive / (positive +
/// negative), the sums of the flows of the last window rows whose tp rose (positive) or fell
/// (negative) from the row before; an unchanged tp counts in neither. 0 where the two sums
/// total below 1 (TA-Lib). A window holding a missing value (NaN, +-inf; the row before it
/// too) is NaN; window < 1 gives NaN everywhere. Lookback window.
void mfi(In high, In low, In close, In volume, int window, Out out);

}  // namespace strata::indicators
