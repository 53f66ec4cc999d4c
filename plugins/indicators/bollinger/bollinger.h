#pragma once
// Bollinger bands: SMA of close +- num_std_dev standard deviations, bandwidth and %B
// (docs/spec.md, Bollinger bands).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// Middle = SMA, bands = middle +- numStd * std(ddof); bandwidth = (upper - lower) / middle and
/// %B = (close - lower) / (upper - lower), not written when given empty. Lookback window - 1.
void bollinger(In close, int window, double numStd, int ddof, Out upper, Out middle, Out lower,
               Out bandwidth, Out percentB);

}  // namespace strata::indicators
