#include "dema.h"

#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>

namespace strata::indicators {

void dema(In in, int window, Out out) {
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  // Two chained steps in one loop: ema2 of row i and ema1 of row i + 1 overlap.
  kernels::detail::SmaSeededEmaStep ema1(w), ema2(w);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double e1 = ema1(in[i]);
    out[i] = 2.0 * e1 - ema2(e1);
  }
}

}  // namespace strata::indicators
