#pragma once
// Population variance and standard deviation over trailing windows, TA-Lib's VAR and STDDEV,
// computed exactly (the SDK's drift-free window sums) where TA-Lib keeps running sums.
// The kernels the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// Population variance (divided by window) of the last window values. A window holding a
/// missing value (NaN, +-inf) is NaN; window < 1 gives NaN everywhere. Lookback window - 1.
void variance(In in, int window, Out out);

/// nbDev * sqrt(variance); 0 where the variance is below 1e-8 (TA-Lib's TA_IS_ZERO_OR_NEG).
/// Missing values and windows as variance. Lookback window - 1.
void stddev(In in, int window, double nbDev, Out out);

}  // namespace strata::indicators
