#pragma once
// The beta of one column's returns against another's over trailing windows, TA-Lib's BETA,
// computed exactly (the SDK's window co-moments) where TA-Lib keeps running sums.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// With r(v)[i] = v[i] / v[i - 1] - 1 (0 where v[i - 1] is within 1e-8 of 0, TA-Lib's
/// TA_IS_ZERO): cov(r(x), r(y)) / var(r(x)) over the last window returns (TA-Lib's BETA, x its
/// inReal0); 0 where window * var(r(x)) (as a sum of squared deviations) is within 1e-8 of 0.
/// A window reading a missing value (NaN, +-inf) on either side is NaN; window < 1 gives NaN
/// everywhere. Lookback window (a return needs the previous row).
void beta(In x, In y, int window, Out out);

}  // namespace strata::indicators
