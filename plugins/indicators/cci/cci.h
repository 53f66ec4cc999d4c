#pragma once
// CCI: Lambert's commodity channel index, TA-Lib's CCI.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// tp = (high + low + close) / 3; cci = (tp - mean) / (0.015 * mean |tp - mean|) over the last
/// window rows; 0 where either tp - mean or the mean deviation is TA-Lib-zero (below 1e-8). A
/// window holding a missing value (NaN, +-inf) is NaN; window < 1 gives NaN everywhere.
/// Lookback window - 1. O(window) per row: the mean deviation has no running form.
void cci(In high, In low, In close, int window, Out out);

}  // namespace strata::indicators
