#include "trange.h"

#include "strata/sdk/true_range.h"

#include <cmath>
#include <limits>

namespace strata::indicators {

void trange(In high, In low, In close, Out out) {
  const std::size_t n = out.size();
  if (n == 0) return;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  out[0] = kNaN;
  for (std::size_t i = 1; i < n; ++i) {
    const double h = high[i], l = low[i], previous = close[i - 1];
    // Bitwise &, not &&: one select per row, so the loop vectorises.
    const bool complete = (int{std::isfinite(h)} & int{std::isfinite(l)} & int{std::isfinite(previous)}) != 0;
    const double range = kernels::taLibTrueRange(h, l, previous);
    out[i] = complete ? range : kNaN;
  }
}

}  // namespace strata::indicators
