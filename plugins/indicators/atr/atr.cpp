#include "atr.h"

#include "strata/sdk/scratch.h"
#include "strata/sdk/smoothing.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void atr(In high, In low, In close, int window, kernels::Smoothing smoothing, Out out,
         int firstRangeRow) {
  const std::size_t n = close.size();
  const auto firstRow = static_cast<std::size_t>(std::max(firstRangeRow, 0));
  auto trueRange = [&](std::size_t i) {
    if (i < firstRow) return kNaN;
    const double prevClose = i == 0 ? kNaN : close[i - 1], h = high[i], l = low[i];
    // The usual row (high >= low, no NaN): max(high, prev) - min(low, prev) is the very
    // subtraction the maximum below picks (rounding is monotonic), so the same bits, cheaper.
    if (__builtin_expect(h >= l && prevClose == prevClose, 1))
      return std::max(h, prevClose) - std::min(l, prevClose);
    const double candidates[] = {h - l, std::abs(h - prevClose), std::abs(l - prevClose)};
    double best = kNaN;  // pandas' max(axis=1) skips NaN; all NaN gives NaN. Branch-free.
    for (double c : candidates) best = (c > best || best != best) ? c : best;
    return best;
  };
  if (smoothing == kernels::Smoothing::Sma) {
    const Out ranges = kernels::scratchColumn(0, n);
    for (std::size_t i = 0; i < n; ++i) ranges[i] = trueRange(i);
    kernels::rollingMean(ranges, window, out);
    return;
  }
  kernels::withRecursiveSmoother(smoothing, window, [&](auto make) {
    auto average = make();
    for (std::size_t i = 0; i < n; ++i) out[i] = average(trueRange(i));
  });
}

}  // namespace strata::indicators
