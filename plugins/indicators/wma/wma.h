#pragma once
// WMA: the linearly weighted moving average, weights 1 (oldest) .. window (newest), TA-Lib's WMA.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// wma = sum_k (k + 1) * in[i - window + 1 + k] / (window * (window + 1) / 2), k = 0 .. window - 1.
/// A window holding a missing value (NaN, +-inf) is NaN; window < 1 gives NaN everywhere.
/// Lookback window - 1.
void wma(In in, int window, Out out);

}  // namespace strata::indicators
