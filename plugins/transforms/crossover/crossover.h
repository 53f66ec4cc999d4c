#pragma once
// Crossover signals of one column over another; the kernel the plugin runs and the benchmarks
// measure, on caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::transforms {

/// Crossover of a over b (docs/spec.md, crossovers): +1 where a > b and a[i-1] <= b[i-1], -1
/// where a < b and a[i-1] >= b[i-1], else 0 (NaN compares false, so row 0 is 0). Lookback 0.
void crossover(kernels::In a, kernels::In b, kernels::Out out);

}  // namespace strata::transforms
