#pragma once
// TEMA: the triple exponential moving average, TA-Lib's TEMA.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// tema = 3 * ema1 - 3 * ema2 + ema3, ema1 = EMA(in), ema2 = EMA(ema1), ema3 = EMA(ema2), each
/// TA-Lib's EMA (seeded with the SMA of its first window values; strata/sdk/kernels.h
/// smaSeededEma). Missing values as that EMA. Lookback 3 * (window - 1).
void tema(In in, int window, Out out);

}  // namespace strata::indicators
