#pragma once
// TRIMA: the triangular moving average, TA-Lib's TRIMA.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// The SMA over `inner` rows of the SMA over `outer` rows, inner + outer = window + 1 (odd
/// window: both (window + 1) / 2; even: window / 2 + 1 and window / 2): triangular weights
/// 1, 2, ..., 2, 1 over window rows. A window holding a missing value (NaN, +-inf) is NaN;
/// window < 1 gives NaN everywhere. Lookback window - 1.
void trima(In in, int window, Out out);

}  // namespace strata::indicators
