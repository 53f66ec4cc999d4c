#pragma once
// Williams %R: where the close sits in the window's high-low range, 0 at the top and -100 at
// the bottom, TA-Lib's WILLR.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// -100 * (highest high - close) / (highest high - lowest low) over the last window rows; 0
/// where the range is 0 (TA-Lib). A window holding a missing high or low (NaN, +-inf) is NaN;
/// window < 1 gives NaN everywhere. Lookback window - 1.
void willr(In high, In low, In close, int window, Out out);

}  // namespace strata::indicators
