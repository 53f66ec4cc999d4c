#pragma once
// T3: Tillson's moving average, TA-Lib's T3.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// Six chained TA-Lib EMAs e1 .. e6 (each seeded with the SMA of its first window values), and
/// t3 = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3 with v = volumeFactor, c1 = -v^3,
/// c2 = 3v^2 + 3v^3, c3 = -6v^2 - 3v - 3v^3, c4 = 1 + 3v + v^3 + 3v^2. Missing values as the EMA.
/// Lookback 6 * (window - 1).
void t3(In in, int window, double volumeFactor, Out out);

}  // namespace strata::indicators
