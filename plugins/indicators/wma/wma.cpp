#include "wma.h"

#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void wma(In in, int window, Out out) {
  const std::size_t n = in.size();
  if (window < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  std::fill_n(out.begin(), std::min(n, w - 1), kNaN);
  const double perWeight = 2.0 / (static_cast<double>(w) * (static_cast<double>(w) + 1.0));
  // The drift-free window sums of the SDK (window_sums.h), of each row's deviation d from the
  // anchor row a and of (row - a) * d: the weight of row j in the window ending at r is
  // j - r + w = (j - a) + (a - r + w), so the weighted sum is both sums combined with factors
  // below w, plus the anchor value times the weights' total. No running subtraction, and a
  // window of equal values is that value exactly.
  auto terms = [in](std::size_t row, std::size_t anchor) {
    const double d = in[row] - in[anchor];
    return std::array<double, 2>{d, (static_cast<double>(row) - static_cast<double>(anchor)) * d};
  };
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t anchorRow,
                     const std::array<double*, 2>& sums) {
    const double anchor = in[anchorRow];
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t row = first + k;
      const double shift = static_cast<double>(anchorRow + w) - static_cast<double>(row);
      const double s1 = sums[0][k];
      // s1 * 0: NaN when the window held a NaN or an infinity.
      out[row] = anchor + (sums[1][k] + shift * s1) * perWeight + s1 * 0.0;
    }
  };
  kernels::detail::windowSums<2>(n, w, terms, deliver);
}

}  // namespace strata::indicators
