#include "cmo.h"

#include "strata/sdk/branch_free.h"
#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void cmo(In close, int window, Out out) {
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  // Both averages in one loop, two independent chains (as RSI's Wilder smoothing).
  kernels::detail::WilderStep averageGain(w), averageLoss(w);
  for (std::size_t i = 0; i < close.size(); ++i) {
    // A change from or to a missing close (NaN, +-inf) is missing for both averages.
    const double change = i == 0 ? kMissing : close[i] - close[i - 1];
    const double delta = std::isfinite(change) ? change : kMissing;
    // A rise is delta unless delta < 0 (then +0), a fall |delta| unless delta > 0; NaN stays NaN.
    const double gain = averageGain(kernels::keepUnless(delta < 0, delta));
    const double loss = averageLoss(kernels::keepUnless(delta > 0, std::abs(delta)));
    const double total = gain + loss;
    out[i] = kernels::taLibIsZero(total) ? 0.0 : 100.0 * (gain - loss) / total;
  }
}

}  // namespace strata::indicators
