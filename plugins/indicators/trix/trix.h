#pragma once
// TRIX, TA-Lib's: the one-bar rate of change of a triple exponential average.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// 100 * (e3[i] / e3[i - 1] - 1), e3 = EMA(EMA(EMA(in))) with TA-Lib's SMA-seeded EMA of
/// `window` (kernels::smaSeededEma); 0 where e3[i - 1] is 0 (roc.h). Lookback 3 * window - 2
/// (metadata: window + window + window - 2).
void trix(In in, int window, Out out);

}  // namespace strata::indicators
