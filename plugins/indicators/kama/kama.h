#pragma once
// KAMA: Kaufman's adaptive moving average, TA-Lib's KAMA.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// er = |in[i] - in[i - window]| / sum of |in[k] - in[k - 1]| over the last window changes (1
/// when that sum is TA-Lib-zero), sc = (er * (2/3 - 2/31) + 2/31)^2, kama = kama + sc * (in -
/// kama), started from in[window - 1] (TA-Lib). A row whose window holds a missing value (NaN,
/// +-inf) is NaN and the average carries on; before the start, such a window delays it. window < 1
/// is taken as 1. Lookback window.
void kama(In in, int window, Out out);

}  // namespace strata::indicators
