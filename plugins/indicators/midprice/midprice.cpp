#include "midprice.h"

#include "strata/sdk/scratch.h"

namespace strata::indicators {

void midprice(In high, In low, int window, Out out) {
  // The SDK's block-scan extremes (O(1) per row, NaN where a window held a missing value).
  const kernels::Out lowest = kernels::scratchColumn(0, low.size());
  kernels::rollingMax(high, window, out);
  kernels::rollingMin(low, window, lowest);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (out[i] + lowest[i]) * 0.5;
}

}  // namespace strata::indicators
