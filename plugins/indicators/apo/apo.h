#pragma once
// APO: the absolute price oscillator, TA-Lib's APO.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// MA(in, fast) - MA(in, slow), both moving averages of `kind` started at row 0
/// (strata/sdk/kernels.h movingAverage). Lookback max(fast, slow) - 1.
void apo(In in, int fast, int slow, kernels::MovingAverage kind, Out out);

}  // namespace strata::indicators
