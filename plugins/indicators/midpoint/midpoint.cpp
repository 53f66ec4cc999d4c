#include "midpoint.h"

#include "strata/sdk/scratch.h"

namespace strata::indicators {

void midpoint(In in, int window, Out out) {
  // The SDK's block-scan extremes (O(1) per row, NaN where a window held a missing value).
  const kernels::Out lowest = kernels::scratchColumn(0, in.size());
  kernels::rollingMax(in, window, out);
  kernels::rollingMin(in, window, lowest);
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = (out[i] + lowest[i]) * 0.5;
}

}  // namespace strata::indicators
