#include "linearreg.h"

#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The form's value from the fitted line: the window's mean and the slope per bar; halfSpan is
// the distance in bars from the window's centre to its last bar.
template <RegressionForm Form>
double lineValue(double mean, double slope, double halfSpan) {
  if constexpr (Form == RegressionForm::Value) return mean + slope * halfSpan;
  if constexpr (Form == RegressionForm::Slope) return slope;
  if constexpr (Form == RegressionForm::Intercept) return mean - slope * halfSpan;
  if constexpr (Form == RegressionForm::Angle) return std::atan(slope) * (180.0 / std::numbers::pi);
  if constexpr (Form == RegressionForm::Forecast) return mean + slope * (halfSpan + 1.0);
}

template <RegressionForm Form>
void fit(In in, std::size_t w, Out out) {
  // Each row's deviation d from the anchor row (inside the window) and d times its distance in
  // bars from the anchor. About the window's centre, sum (t - centre) * y = s1 - (centre -
  // anchor) * s0: no cancellation of the price level, so the slope is exact to ~1e-14 of its
  // scale where TA-Lib's sums of t * y lose the level's digits.
  auto terms = [in](std::size_t i, std::size_t anchor) {
    const double d = in[i] - in[anchor];
    return std::array<double, 2>{d, (static_cast<double>(i) - static_cast<double>(anchor)) * d};
  };
  const double n = static_cast<double>(w), perRow = 1.0 / n, halfSpan = (n - 1.0) / 2.0;
  const double perSquare = 12.0 / (n * (n * n - 1.0));  // 1 / sum of (t - centre)^2
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t anchorRow,
                     const std::array<double*, 2>& sums) {
    const double anchor = in[anchorRow];
    // The centre of the window ending at row first + k, in bars from the anchor row.
    const double centre = static_cast<double>(first) - halfSpan - static_cast<double>(anchorRow);
    double* row = out.data() + first;
    for (std::size_t k = 0; k < count; ++k) {
      const double s0 = sums[0][k], s1 = sums[1][k];
      const double missing = s0 * 0.0;  // NaN exactly when the window held a missing value
      const double mean = anchor + s0 * perRow + missing;
      const double slope = (s1 - (centre + static_cast<double>(k)) * s0) * perSquare + missing;
      row[k] = lineValue<Form>(mean, slope, halfSpan);
    }
  };
  kernels::detail::windowSums<2>(in.size(), w, terms, deliver);
}

}  // namespace

void linearreg(In in, int window, RegressionForm form, Out out) {
  if (window < 2) {  // one point has no line
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  std::fill_n(out.begin(), std::min(in.size(), w - 1), kNaN);
  switch (form) {
    case RegressionForm::Value: return fit<RegressionForm::Value>(in, w, out);
    case RegressionForm::Slope: return fit<RegressionForm::Slope>(in, w, out);
    case RegressionForm::Intercept: return fit<RegressionForm::Intercept>(in, w, out);
    case RegressionForm::Angle: return fit<RegressionForm::Angle>(in, w, out);
    case RegressionForm::Forecast: return fit<RegressionForm::Forecast>(in, w, out);
  }
}

}  // namespace strata::indicators
