#pragma once
// Co-moments of two columns over every trailing window of `w` rows: the sums of squared and
// crossed deviations from the window's means, which correlation and regression slopes are
// ratios of. Built on window_sums.h: each row's deviations from an anchor row inside the
// window, summed block-wise with no running subtraction, so the result agrees with an exact
// two-pass computation to about 1e-13 relative (the anchor is in the window: the one-pass
// cancellation costs at most log10(w) digits) and no rounding accumulates along the series.
#include "strata/sdk/window_sums.h"

#include <cstddef>
#include <span>

namespace strata::kernels::detail {

/// Sums over one window of (x - mean x)^2, (y - mean y)^2 and (x - mean x)(y - mean y); all NaN
/// when the window holds a missing value (NaN or +-inf) on either side.
struct CoMoments {
  double xx, yy, xy;
};

/// deliver(row, CoMoments) for every row ending a full window (rows w - 1 .. n - 1).
template <typename Deliver>
void windowCoMoments(std::span<const double> x, std::span<const double> y, std::size_t w,
                     Deliver deliver) {
  auto terms = [x, y](std::size_t i, std::size_t anchor) {
    const double dx = x[i] - x[anchor], dy = y[i] - y[anchor];
    return std::array<double, 5>{dx, dy, dx * dx, dy * dy, dx * dy};
  };
  const double perRow = 1.0 / static_cast<double>(w);
  auto sums = [&](std::size_t first, std::size_t count, std::size_t,
                  const std::array<double*, 5>& s) {
    for (std::size_t k = 0; k < count; ++k) {
      const double sx = s[0][k], sy = s[1][k];
      const double missing = (sx + sy) * 0.0;  // NaN exactly when a term was not finite
      const double xx = s[2][k] - sx * sx * perRow, yy = s[3][k] - sy * sy * perRow;
      deliver(first + k, CoMoments{(xx < 0.0 ? 0.0 : xx) + missing, (yy < 0.0 ? 0.0 : yy) + missing,
                                   s[4][k] - sx * sy * perRow + missing});
    }
  };
  windowSums<5>(x.size(), w, terms, sums);
}

}  // namespace strata::kernels::detail
