#pragma once
// BOP: the balance of power, TA-Lib's BOP.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// (close - open) / (high - low); 0 where the range is below 1e-8 (TA-Lib, zero or negative).
/// A missing value (NaN, +-inf) gives NaN. Lookback 0.
void bop(In open, In high, In low, In close, Out out);

}  // namespace strata::indicators
