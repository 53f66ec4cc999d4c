#pragma once
// ATR: the true range, smoothed (docs/spec.md, ATR).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"
#include "strata/sdk/smoothing.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// True range (max of high-low, |high-prev close|, |low-prev close|, skipping NaN), smoothed.
/// Lookback window - 1.
void atr(In high, In low, In close, int window, kernels::Smoothing smoothing, Out out);

}  // namespace strata::indicators
