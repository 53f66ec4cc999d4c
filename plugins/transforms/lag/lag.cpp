#include "lag.h"

#include <algorithm>
#include <limits>

namespace strata::transforms {

void lag(kernels::In in, int p, kernels::Out out) {
  const std::size_t n = in.size();
  const std::size_t k = std::min(n, static_cast<std::size_t>(std::max(p, 0)));  // p may exceed n
  std::fill_n(out.begin(), k, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = k; i < n; ++i) out[i] = in[i - k];
}

}  // namespace strata::transforms
