#pragma once
// Aroon: how many bars ago the window's highest high and lowest low were, as TA-Lib's AROON
// (AroonDown, AroonUp) and AROONOSC.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// Over the last window + 1 bars: up = 100 * (window - bars since the highest high) / window,
/// down likewise from the lowest low, osc = up - down (as TA-Lib: 100 / window * (index of the
/// high - index of the low)). On a tie the most recent bar counts (TA-Lib). Any output may be
/// empty (not computed). A bar with a missing high or low (NaN, +-inf) is NaN and the window
/// restarts after it (kernels::forEachFiniteRun). window < 1 gives NaN everywhere. Lookback
/// window.
void aroon(In high, In low, int window, Out down, Out up, Out osc);

}  // namespace strata::indicators
