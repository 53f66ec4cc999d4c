#include "kama.h"

#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Kaufman's (and TA-Lib's) fastest and slowest smoothing constants: EMAs of 2 and 30 rows.
constexpr double kFastest = 2.0 / 3.0, kSlowest = 2.0 / 31.0;
}  // namespace

void kama(In in, int window, Out out) {
  const std::size_t n = in.size();
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  std::fill_n(out.begin(), std::min(n, w), kNaN);
  if (n <= w) return;
  // First pass: out[i] = the volatility, sum of |change| over the window changes ending at row
  // i (the SDK's drift-free window sums over the n - 1 changes; non-negative, no anchor needed).
  // A missing value makes it non-finite.
  const kernels::detail::AnchorFree changes{
      [in](std::size_t k) { return std::array<double, 1>{std::abs(in[k + 1] - in[k])}; }};
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t,
                     const std::array<double*, 1>& sums) {
    std::copy_n(sums[0], count, out.begin() + static_cast<std::ptrdiff_t>(first + 1));
  };
  kernels::detail::windowSums<1>(n - 1, w, changes, deliver);
  // Second pass, in place: the adaptive average.
  double average = kNaN;
  for (std::size_t i = w; i < n; ++i) {
    const double volatility = out[i], direction = in[i] - in[i - w];
    if (!std::isfinite(volatility) || !std::isfinite(direction)) {
      out[i] = kNaN;
      continue;
    }
    if (std::isnan(average)) average = in[i - 1];
    const double efficiency = volatility <= direction || kernels::taLibIsZero(volatility)
                                  ? 1.0
                                  : std::abs(direction / volatility);
    const double root = efficiency * (kFastest - kSlowest) + kSlowest, smoothing = root * root;
    // average * (1 - sc) + sc * x: one multiply and one add on the dependency chain.
    out[i] = average = average * (1.0 - smoothing) + smoothing * in[i];
  }
}

}  // namespace strata::indicators
