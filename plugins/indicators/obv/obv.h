#pragma once
// On-balance volume (docs/spec.md, OBV).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// docs/spec.md's loop: add volume on an up close, subtract on a down close. Lookback 0.
void obv(In close, In volume, Out out);

}  // namespace strata::indicators
