#pragma once
// The Chaikin accumulation/distribution line, TA-Lib's AD.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/branch_free.h"
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// One bar's addition to the A/D line: volume * ((close - low) - (high - close)) / (high - low),
/// +0 where high - low is not above 0 (TA-Lib) or a value is missing; `missing` is NaN exactly
/// when a value is (NaN, +-inf), else 0, so that `line + missing` blanks the bar.
struct AdStep {
  double add, missing;
};
inline AdStep adStep(double high, double low, double close, double volume) {
  const double range = high - low;
  const double missing = (range + close + volume) * 0.0;  // x * 0 is NaN for NaN and +-inf
  const bool adds = range > 0.0 && missing == 0.0;
  // Branch-free: whether a bar adds is a coin flip on gappy data.
  return {kernels::keepUnless(!adds, ((close - low) - (high - close)) / range * volume), missing};
}

/// The running sum from row 0 of adStep's additions. A bar with a missing value is NaN and adds
/// nothing. Lookback 0.
void ad(In high, In low, In close, In volume, Out out);

}  // namespace strata::indicators
