#pragma once
// ATR: the true range, smoothed (docs/spec.md, ATR).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"
#include "strata/sdk/smoothing.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// True range (max of high-low, |high-prev close|, |low-prev close|, skipping NaN), smoothed.
/// Rows before firstRangeRow have no true range (NaN): 0 counts row 0's high - low (the spec,
/// TradingView); 1 starts at the first row with a previous close, which with Wilder's
/// smoothing is TA-Lib's ATR. Lookback window - 1 + firstRangeRow.
void atr(In high, In low, In close, int window, kernels::Smoothing smoothing, Out out,
         int firstRangeRow = 0);

}  // namespace strata::indicators
