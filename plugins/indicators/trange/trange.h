#pragma once
// TRANGE: TA-Lib's true range, the bar's range widened by a gap from the previous close.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// max(high - low, |high - previous close|, |low - previous close|) from row 1 (row 0 has no
/// previous close). NaN where the high, the low or the previous close is missing (NaN, +-inf).
/// Lookback 1.
void trange(In high, In low, In close, Out out);

}  // namespace strata::indicators
