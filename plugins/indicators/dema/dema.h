#pragma once
// DEMA: the double exponential moving average, TA-Lib's DEMA.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// dema = 2 * ema1 - ema2, ema1 = EMA(in), ema2 = EMA(ema1), each TA-Lib's EMA (seeded with the
/// SMA of its first window values; strata/sdk/kernels.h smaSeededEma). Missing values as that
/// EMA: a NaN row, the averages carry on. Lookback 2 * (window - 1).
void dema(In in, int window, Out out);

}  // namespace strata::indicators
