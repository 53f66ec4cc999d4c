#pragma once
// PPO: the percentage price oscillator, TA-Lib's PPO.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// 100 * (MA(in, fast) - MA(in, slow)) / MA(in, slow), both moving averages of `kind` started at
/// row 0 (strata/sdk/kernels.h movingAverage); 0 where the slow average is TA-Lib-zero (below
/// 1e-8). Lookback max(fast, slow) - 1.
void ppo(In in, int fast, int slow, kernels::MovingAverage kind, Out out);

}  // namespace strata::indicators
