#pragma once
// Donchian channels: the highest high and lowest low over a window, their middle and width.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// upper = max of high, lower = min of low over the last window rows (current included),
/// middle = (upper + lower) / 2. A window holding a missing value (NaN, +-inf) is NaN;
/// window < 1 gives NaN everywhere. Lookback window - 1. `middle` may be `upper` itself (then upper is overwritten).
void donchian(In high, In low, int window, Out upper, Out middle, Out lower);

/// (upper - lower) / middle per row; NaN where middle is 0 or any input is NaN.
void channelWidth(In upper, In middle, In lower, Out width);

}  // namespace strata::indicators
