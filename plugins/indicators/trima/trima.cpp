#include "trima.h"

#include "strata/sdk/scratch.h"

#include <algorithm>
#include <limits>

namespace strata::indicators {

void trima(In in, int window, Out out) {
  if (window < 1) {
    std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
    return;
  }
  const int outer = window / 2 + 1, inner = window + 1 - outer;
  // Two drift-free rolling means (the SDK's): the first is NaN wherever its window held a
  // missing value, so the second is NaN wherever the triangle did.
  const kernels::Out first = kernels::scratchColumn(0, in.size());
  kernels::rollingMean(in, outer, first);
  kernels::rollingMean(first, inner, out);
}

}  // namespace strata::indicators
