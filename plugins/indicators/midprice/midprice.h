#pragma once
// MIDPRICE: the middle of the highest high and the lowest low over a window, TA-Lib's MIDPRICE.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// (max of high + min of low) / 2 over the last window rows. A window holding a missing value
/// (NaN, +-inf) is NaN; window < 1 gives NaN everywhere. Lookback window - 1.
void midprice(In high, In low, int window, Out out);

}  // namespace strata::indicators
