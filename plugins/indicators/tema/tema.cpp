#include "tema.h"

#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>

namespace strata::indicators {

void tema(In in, int window, Out out) {
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  // Three chained steps in one loop, so that the chains of successive rows overlap.
  kernels::detail::SmaSeededEmaStep ema1(w), ema2(w), ema3(w);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double e1 = ema1(in[i]);
    const double e2 = ema2(e1);
    out[i] = 3.0 * (e1 - e2) + ema3(e2);
  }
}

}  // namespace strata::indicators
