#pragma once
// Lag: the value p rows back (pandas shift(p)); the kernel the plugin runs and the benchmarks
// measure, on caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::transforms {

/// out[i] = in[i - p]. Lookback p.
void lag(kernels::In in, int p, kernels::Out out);

}  // namespace strata::transforms
