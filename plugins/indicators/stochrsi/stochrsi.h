#pragma once
// The stochastic RSI, TA-Lib's STOCHRSI: STOCHF's fast %K and %D of Wilder's RSI.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// stochf(r, r, r, kWindow, dWindow, kind) of r = rsi(close, rsiWindow, Wilder) (rsi.h,
/// stochf.h). Lookback rsiWindow + kWindow + dWindow - 2.
void stochrsi(In close, int rsiWindow, int kWindow, int dWindow, kernels::MovingAverage kind,
              Out fastK, Out fastD);

}  // namespace strata::indicators
