// Element-wise and recursive kernels shared by several plugins: diff, pct_change, ewm, Wilder
// smoothing, TA-Lib's EMA.
#include "strata/sdk/kernels.h"

#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::kernels {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rows [0, p) of a shifted output have no source row; p may exceed n.
std::size_t leading(std::size_t n, int p) { return std::min(n, static_cast<std::size_t>(std::max(p, 0))); }
}  // namespace

void diff(In in, int p, Out out) {
  const std::size_t n = in.size(), k = leading(n, p);
  std::fill_n(out.begin(), k, kNaN);
  for (std::size_t i = k; i < n; ++i) out[i] = in[i] - in[i - k];
}

namespace {
// True when a NaN follows a non-NaN value: only then does pandas' forward fill change anything
// (a leading NaN run, an indicator's warm-up, stays NaN either way). Checked a block at a time
// with a branch-free count, so the common answer, no, costs one vectorised read.
bool hasInteriorNaN(In in) {
  std::size_t i = 0;
  while (i < in.size() && std::isnan(in[i])) ++i;
  constexpr std::size_t kBlock = 512;
  for (; i < in.size(); i += kBlock) {
    const std::size_t end = std::min(in.size(), i + kBlock);
    std::size_t nan = 0;
    for (std::size_t j = i; j < end; ++j) nan += in[j] != in[j];
    if (nan) return true;
  }
  return false;
}
}  // namespace

void pctChange(In in, int p, Out out) {
  const std::size_t n = in.size(), k = leading(n, p);
  std::fill_n(out.begin(), k, kNaN);
  if (!hasInteriorNaN(in)) {
    const double* now = in.data() + k;
    const double* back = in.data();
    double* result = out.data() + k;
    for (std::size_t i = 0; i + k < n; ++i) result[i] = now[i] / back[i] - 1.0;
    return;
  }
  // pandas forward-fills first; tracking the last non-NaN value at i and at i - p does that
  // without a filled copy.
  double filledNow = kNaN, filledBack = kNaN;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(in[i])) filledNow = in[i];
    if (i < k) continue;
    if (!std::isnan(in[i - k])) filledBack = in[i - k];
    out[i] = filledNow / filledBack - 1.0;
  }
}

void ewmMean(In in, double alpha, int minPeriods, Out out) {
  detail::EwmStep step(alpha, minPeriods);
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = step(in[i]);
}

void wilderMean(In in, int window, Out out) {
  detail::WilderStep step(static_cast<std::size_t>(std::max(window, 1)));
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = step(in[i]);
}

void smaSeededEma(In in, int window, Out out) {
  detail::SmaSeededEmaStep step(static_cast<std::size_t>(std::max(window, 1)));
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = step(in[i]);
}

void movingAverage(In in, int window, MovingAverage kind, Out out) {
  if (kind == MovingAverage::Ema)
    smaSeededEma(in, window, out);
  else
    rollingMean(in, window, out);
}

}  // namespace strata::kernels
