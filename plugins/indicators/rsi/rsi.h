#pragma once
// RSI: average gain over average loss of close-to-close changes, 100 * gain / (gain + loss)
// (docs/spec.md, RSI).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"
#include "strata/sdk/smoothing.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// docs/spec.md: gains/losses of close.diff(), averaged, rsi = 100 - 100 / (1 + gain / loss).
/// Lookback window.
void rsi(In close, int window, kernels::Smoothing smoothing, Out out);

}  // namespace strata::indicators
