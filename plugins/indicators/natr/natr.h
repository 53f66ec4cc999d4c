#pragma once
// NATR: TA-Lib's ATR as a percentage of the close.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// 100 * ATR / close, ATR as TA-Lib computes it (indicators::atr with Wilder's smoothing and
/// the true range from row 1: first value at row window); 0 where the close is TA-Lib's zero,
/// NaN where it is missing (NaN, +-inf). Lookback window.
void natr(In high, In low, In close, int window, Out out);

}  // namespace strata::indicators
