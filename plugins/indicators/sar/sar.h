#pragma once
// SAR: Wilder's parabolic stop and reverse, TA-Lib's SAR.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// The stop of the current trend, sar += af * (extreme point - sar), af starting at
/// `acceleration` and rising by it (up to `maximum`) with each new extreme; the stop is kept
/// outside the last two bars' range, and when a bar crosses it the trend reverses: the stop
/// becomes the extreme point and af starts again. As TA-Lib: the first trend is short when bar
/// 1's down move (previous low - low) is positive and above its up move (high - previous high),
/// else long; the first stop is bar 0's low (long) or high (short); an acceleration above the
/// maximum is taken as the maximum. A bar with a missing high or low (NaN, +-inf) is NaN and
/// skipped: the next bar continues from the last complete one. Lookback 1.
void sar(In high, In low, double acceleration, double maximum, Out out);

}  // namespace strata::indicators
