#pragma once
// The stochastic oscillator's two steps, TA-Lib's STOCHF (fast %K and %D), which STOCH and
// STOCHRSI build on.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// %K: 100 * (close - lowest low) / (highest high - lowest low) over the last window rows; 0
/// where the range is 0 (TA-Lib). A window holding a missing high or low (NaN, +-inf) is NaN,
/// so is a row with a missing close; window < 1 gives NaN everywhere. Lookback window - 1.
void stochasticK(In high, In low, In close, int window, Out out);

/// d = MA(k, window) of `kind`, then k blanked (NaN) before d's first value: TA-Lib emits both
/// lines from the same row. Lookback: k's plus window - 1.
void smoothAndAlign(Out k, int window, kernels::MovingAverage kind, Out d);

/// STOCHF: fastK = stochasticK(kWindow), fastD = MA(fastK, dWindow), both from row
/// kWindow + dWindow - 2.
void stochf(In high, In low, In close, int kWindow, int dWindow, kernels::MovingAverage kind,
            Out fastK, Out fastD);

}  // namespace strata::indicators
