#include "stochf.h"

#include "strata/sdk/scratch.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {

void stochasticK(In high, In low, In close, int window, Out out) {
  // The SDK's block-scan extremes (O(1) per row, NaN where a window held a missing value).
  const kernels::Out lowest = kernels::scratchColumn(0, low.size());
  kernels::rollingMax(high, window, out);
  kernels::rollingMin(low, window, lowest);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double fromBottom = close[i] - lowest[i] + close[i] * 0.0;  // NaN for an inf close
    const double range = (out[i] - lowest[i]) / 100.0;
    // A zero range is TA-Lib's 0; a missing close stays NaN.
    out[i] = range != 0.0 || std::isnan(fromBottom) ? fromBottom / range : 0.0;
  }
}

void smoothAndAlign(Out k, int window, kernels::MovingAverage kind, Out d) {
  kernels::movingAverage(k, window, kind, d);
  const auto first = std::find_if(d.begin(), d.end(), [](double v) { return !std::isnan(v); });
  std::fill(k.begin(), k.begin() + (first - d.begin()), std::numeric_limits<double>::quiet_NaN());
}

void stochf(In high, In low, In close, int kWindow, int dWindow, kernels::MovingAverage kind,
            Out fastK, Out fastD) {
  stochasticK(high, low, close, kWindow, fastK);
  smoothAndAlign(fastK, dWindow, kind, fastD);
}

}  // namespace strata::indicators
