#include "rsi.h"

#include "strata/sdk/branch_free.h"
#include "strata/sdk/smoothing.h"
#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void rsi(In close, int window, kernels::Smoothing smoothing, Out out) {
  const std::size_t n = close.size();
  // docs/spec.md's masks, branch-free: a gain is delta unless delta < 0 (then +0), a loss |delta|
  // unless delta > 0; NaN stays NaN in both, as the reference's boolean masks leave it.
  auto gainAndLoss = [close](std::size_t i) {
    const double delta = i == 0 ? kNaN : close[i] - close[i - 1];
    return std::array<double, 2>{kernels::keepUnless(delta < 0, delta), kernels::keepUnless(delta > 0, std::abs(delta))};
  };
  // rsi = 100 - 100 / (1 + gain / loss) = 100 * gain / (gain + loss): one division, and no
  // cancellation when the loss dominates.
  auto ratio = [](double gain, double loss) {
    const double total = gain + loss;
    return 100.0 * gain / total + total * 0.0;  // total * 0: NaN when a sum met an infinity
  };
  if (smoothing == kernels::Smoothing::Sma && window >= 1) {
    // The averages' 1/window cancels: plain window sums of the gains and losses (non-negative,
    // so a sum of them has no cancellation and needs no anchor), in one pass.
    const auto w = static_cast<std::size_t>(window);
    std::fill_n(out.begin(), std::min(n, w - 1), kNaN);
    const kernels::detail::AnchorFree terms{gainAndLoss};
    auto deliver = [&](std::size_t first, std::size_t count, std::size_t,
                    const std::array<double*, 2>& sums) {
      double* o = out.data() + first;
      for (std::size_t k = 0; k < count; ++k) o[k] = ratio(sums[0][k], sums[1][k]);
    };
    kernels::detail::windowSums<2>(n, w, terms, deliver);
    return;
  }
  // Wilder or EMA: both averages in one loop, two independent chains.
  kernels::withRecursiveSmoother(smoothing, window, [&](auto make) {
    auto averageGain = make(), averageLoss = make();
    for (std::size_t i = 0; i < n; ++i) {
      const auto [gain, loss] = gainAndLoss(i);
      out[i] = ratio(averageGain(gain), averageLoss(loss));
    }
  });
}

}  // namespace strata::indicators
