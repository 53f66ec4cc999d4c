#include "obv.h"

#include "strata/sdk/branch_free.h"

namespace strata::indicators {

void obv(In close, In volume, Out out) {
  const std::size_t n = close.size();
  if (n == 0) return;
  out[0] = 0.0;
  for (std::size_t i = 1; i < n; ++i) {
    // Branch-free: the direction of a close is a coin flip to the branch predictor. A flat or
    // NaN change (a missing close) adds nothing, not even a NaN volume, as the reference's else
    // branch carries the total; the volume's bits are masked rather than multiplied by 0.
    const double change = close[i] - close[i - 1];
    const int direction = (change > 0) - (change < 0);
    out[i] = out[i - 1] + static_cast<double>(direction) * kernels::keepUnless(direction == 0, volume[i]);
  }
}

}  // namespace strata::indicators
