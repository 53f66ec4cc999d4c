#pragma once
// Pearson's correlation of two columns over trailing windows, TA-Lib's CORREL, computed exactly
// (the SDK's window co-moments) where TA-Lib keeps running sums.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// cov(x, y) / sqrt(var(x) var(y)) over the last window rows; 0 where var(x) var(y) (as sums of
/// squared deviations) is below 1e-8, TA-Lib's TA_IS_ZERO_OR_NEG (a constant side). A window
/// holding a missing value (NaN, +-inf) on either side is NaN; window < 1 gives NaN everywhere.
/// Lookback window - 1.
void correl(In x, In y, int window, Out out);

}  // namespace strata::indicators
