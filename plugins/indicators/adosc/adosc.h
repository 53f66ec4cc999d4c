#pragma once
// The Chaikin A/D oscillator, TA-Lib's ADOSC: a fast minus a slow EMA of the A/D line.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// EMA(ad, fast) - EMA(ad, slow) of the A/D line (ad.h), alpha = 2 / (period + 1), both EMAs
/// seeded with the line's first value (TA-Lib's ADOSC; not the SMA seed of its EMA function).
/// A bar with a missing value is NaN; the line carries through it unchanged and both averages
/// step on that value. Lookback max(fast, slow) - 1.
void adosc(In high, In low, In close, In volume, int fast, int slow, Out out);

}  // namespace strata::indicators
