#pragma once
// CMO: Chande's momentum oscillator, TA-Lib's CMO.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// 100 * (gain - loss) / (gain + loss), gain and loss the Wilder averages of the close-to-close
/// rises and falls (seeded with the mean of the first window changes; strata/sdk/kernels.h
/// wilderMean); 0 where gain + loss is TA-Lib-zero (below 1e-8). Missing closes as wilderMean.
/// window < 1 is taken as 1. Lookback window.
void cmo(In close, int window, Out out);

}  // namespace strata::indicators
