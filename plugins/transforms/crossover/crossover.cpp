#include "crossover.h"

namespace strata::transforms {

void crossover(kernels::In a, kernels::In b, kernels::Out out) {
  const std::size_t n = a.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0) {
      out[0] = 0.0;  // no previous row: NaN comparisons are false, as in docs/spec.md
      continue;
    }
    const double now = a[i], other = b[i], prev = a[i - 1], prevOther = b[i - 1];
    if (now > other && prev <= prevOther) out[i] = 1.0;
    else if (now < other && prev >= prevOther) out[i] = -1.0;
    else out[i] = 0.0;
  }
}

}  // namespace strata::transforms
