#pragma once
// The Ultimate Oscillator (Larry Williams): buying pressure over true range on three windows,
// weighted 4 : 2 : 1, as TA-Lib's ULTOSC.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// Buying pressure bp = close - min(low, previous close), tr TA-Lib's true range (both from
/// row 1); avg_k = sum(bp) / sum(tr) over the last k rows; ultosc = 100 * (4 avg_short +
/// 2 avg_middle + avg_long) / 7, the periods sorted shortest first (TA-Lib), a term 0 where its
/// range sum is TA-Lib's zero. A bar with a missing high, low or close (NaN, +-inf) is NaN and
/// the windows restart after it (kernels::forEachFiniteRun). A period below 1 gives NaN
/// everywhere. Lookback: the longest period.
void ultosc(In high, In low, In close, int period1, int period2, int period3, Out out);

}  // namespace strata::indicators
