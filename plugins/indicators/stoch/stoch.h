#pragma once
// The slow stochastic oscillator, TA-Lib's STOCH: the fast %K smoothed into slow %K, and that
// smoothed into slow %D.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// The smoothing of one line: its window and moving average.
struct StochSmoothing {
  int window;
  kernels::MovingAverage kind;
};

/// slowK = MA(stochasticK(high, low, close, kWindow)) (stochf.h), slowD = MA(slowK), both from
/// slowD's first row: lookback kWindow + slowK.window + slowD.window - 3.
void stoch(In high, In low, In close, int kWindow, StochSmoothing slowKSmoothing,
           StochSmoothing slowDSmoothing, Out slowK, Out slowD);

}  // namespace strata::indicators
