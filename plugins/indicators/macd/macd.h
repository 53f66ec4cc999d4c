#pragma once
// MACD: fast EMA - slow EMA of close, its signal EMA and the histogram (docs/spec.md, MACD).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// EMAs with adjust=False. Lookback 0.
void macd(In close, int fast, int slow, int signal, Out macd, Out macdSignal, Out histogram);

}  // namespace strata::indicators
