#include "correl.h"

#include "strata/sdk/window_comoments.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {

void correl(In x, In y, int window, Out out) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (window < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  std::fill_n(out.begin(), std::min(x.size(), w - 1), kNaN);
  kernels::detail::windowCoMoments(x, y, w, [out](std::size_t row, kernels::detail::CoMoments m) {
    const double spread = m.xx * m.yy;  // NaN fails the zero test and stays NaN
    out[row] = spread < kernels::kTaLibZero ? 0.0 : m.xy / std::sqrt(spread);
  });
}

}  // namespace strata::indicators
