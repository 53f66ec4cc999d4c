#include "willr.h"

#include "strata/sdk/scratch.h"

#include <cmath>

namespace strata::indicators {

void willr(In high, In low, In close, int window, Out out) {
  // The SDK's block-scan extremes (O(1) per row, NaN where a window held a missing value).
  const kernels::Out lowest = kernels::scratchColumn(0, low.size());
  kernels::rollingMax(high, window, out);
  kernels::rollingMin(low, window, lowest);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double highest = out[i], fromTop = highest - close[i];
    const double range = (highest - lowest[i]) / -100.0;
    // A zero range is TA-Lib's 0; a missing close stays NaN.
    out[i] = range != 0.0 || std::isnan(fromTop) ? fromTop / range : 0.0;
  }
}

}  // namespace strata::indicators
