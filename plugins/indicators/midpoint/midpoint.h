#pragma once
// MIDPOINT: the middle of the highest and lowest value over a window, TA-Lib's MIDPOINT.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// (max + min) / 2 of in over the last window rows. A window holding a missing value (NaN,
/// +-inf) is NaN; window < 1 gives NaN everywhere. Lookback window - 1.
void midpoint(In in, int window, Out out);

}  // namespace strata::indicators
