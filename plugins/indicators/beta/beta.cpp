#include "beta.h"

#include "strata/sdk/scratch.h"
#include "strata/sdk/window_comoments.h"

#include <algorithm>
#include <limits>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// TA-Lib's simple returns: 0 after a (near) zero value; row 0 has none (NaN).
void simpleReturns(In in, Out out) {
  if (in.empty()) return;
  out[0] = kNaN;
  for (std::size_t i = 1; i < in.size(); ++i) {
    const double previous = in[i - 1];
    out[i] = kernels::taLibIsZero(previous) ? 0.0 : (in[i] - previous) / previous;
  }
}

}  // namespace

void beta(In x, In y, int window, Out out) {
  if (window < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const std::size_t n = x.size();
  const auto w = static_cast<std::size_t>(window);
  const Out rx = kernels::scratchColumn(0, n), ry = kernels::scratchColumn(1, n);
  simpleReturns(x, rx);
  simpleReturns(y, ry);
  std::fill_n(out.begin(), std::min(n, w), kNaN);
  const double count = static_cast<double>(w);
  // Windows of returns from row 1 on: the one ending at row w is TA-Lib's first.
  const std::size_t skip = std::min<std::size_t>(n, 1);
  kernels::detail::windowCoMoments(
      In(rx).subspan(skip), In(ry).subspan(skip), w,
      [out, count](std::size_t row, kernels::detail::CoMoments m) {
        // NaN fails the zero test and stays NaN.
        out[row + 1] = kernels::taLibIsZero(count * m.xx) ? 0.0 : m.xy / m.xx;
      });
}

}  // namespace strata::indicators
