#include "mfi.h"

#include "strata/sdk/branch_free.h"
#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void mfi(In high, In low, In close, In volume, int window, Out out) {
  const std::size_t n = close.size();
  if (window < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  std::fill_n(out.begin(), std::min(n, w - 1), kNaN);  // windowSums delivers from row w - 1
  auto typical = [&](std::size_t i) { return (high[i] + low[i] + close[i]) / 3.0; };
  // Branch-free, as RSI's gains and losses: the flow goes to the side the typical price moved
  // to; a missing value (delta or flow not finite) makes both NaN (x * 0 is NaN for NaN, inf).
  auto positiveAndNegative = [&](std::size_t i) {
    const double tp = typical(i), delta = i == 0 ? kNaN : tp - typical(i - 1);
    const double flow = tp * volume[i], missing = (flow + delta) * 0.0;
    return std::array<double, 2>{kernels::keepUnless(delta <= 0, flow) + missing,
                                 kernels::keepUnless(delta >= 0, flow) + missing};
  };
  // Non-negative sums: no cancellation, so the SDK's anchor-free window sums (exact enough, no
  // running subtraction to drift).
  const kernels::detail::AnchorFree terms{positiveAndNegative};
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t,
                     const std::array<double*, 2>& sums) {
    for (std::size_t k = 0; k < count; ++k) {
      const double positive = sums[0][k], total = positive + sums[1][k];
      // total * 0: NaN when a sum met an infinity.
      out[first + k] = total < 1.0 ? 0.0 : 100.0 * positive / total + total * 0.0;
    }
  };
  kernels::detail::windowSums<2>(n, w, terms, deliver);  // row 0 has no flow: NaN at w - 1
}

}  // namespace strata::indicators
