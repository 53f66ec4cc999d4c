#pragma once
// Keltner channels: an EMA of the close with bands a multiple of the ATR above and below.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// middle = TA-Lib's EMA(close, window) (lookback window - 1); upper/lower = middle +-
/// multiplier * TA-Lib's ATR(window) (lookback window). window < 1 gives NaN everywhere.
void keltner(In high, In low, In close, int window, double multiplier, Out upper, Out middle,
             Out lower);

}  // namespace strata::indicators
