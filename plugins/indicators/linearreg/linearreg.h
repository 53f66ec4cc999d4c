#pragma once
// The least-squares line through the last window closes, TA-Lib's LINEARREG family: the line's
// value at the last bar, its slope, its value at the first bar (TA-Lib's "intercept"), the
// slope's angle in degrees, and its value one bar ahead (TSF).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

enum class RegressionForm {
  Value,      // LINEARREG: the fitted value at the window's last bar
  Slope,      // LINEARREG_SLOPE: per bar
  Intercept,  // LINEARREG_INTERCEPT: the fitted value at the window's first bar
  Angle,      // LINEARREG_ANGLE: atan(slope) in degrees
  Forecast,   // TSF: the fitted value one bar after the window
};

/// The `form` of the line fitted by least squares to the last window values against their bar
/// number. A window holding a missing value (NaN, +-inf) is NaN; window < 2 gives NaN
/// everywhere. Lookback window - 1.
void linearreg(In in, int window, RegressionForm form, Out out);

}  // namespace strata::indicators
