#include "t3.h"

#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace strata::indicators {
namespace {

using Step = kernels::detail::SmaSeededEmaStep;

struct Coefficients {
  double c1, c2, c3, c4;
  explicit Coefficients(double v)
      : c1(-v * v * v),
        c2(3.0 * v * v + 3.0 * v * v * v),
        c3(-6.0 * v * v - 3.0 * v - 3.0 * v * v * v),
        c4(1.0 + 3.0 * v + v * v * v + 3.0 * v * v) {}
  double combine(double e3, double e4, double e5, double e6) const {
    return c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
};

// True when no value is NaN or +-inf (x - x is 0 exactly for finite x); vectorisable.
bool allFinite(In in) {
  std::size_t missing = 0;
  for (double x : in) missing += (x - x) != 0.0;
  return missing == 0;
}

}  // namespace

void t3(In in, int window, double volumeFactor, Out out) {
  const std::size_t n = in.size();
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  const Coefficients t(volumeFactor);
  std::array<Step, 6> ema{Step(w), Step(w), Step(w), Step(w), Step(w), Step(w)};
  auto stepRow = [&](std::size_t i) {
    std::array<double, 6> e{};
    double value = in[i];
    for (std::size_t k = 0; k < 6; ++k) e[k] = value = ema[k](value);
    out[i] = t.combine(e[2], e[3], e[4], e[5]);
  };
  // Warm-up through the steps, until the sixth EMA has its seed.
  std::size_t i = 0;
  for (; i < n && std::isnan(ema[5].average()); ++i) stepRow(i);
  if (!allFinite(in.subspan(i))) {
    for (; i < n; ++i) stepRow(i);
    return;
  }
  // The rest has no missing value: the steps' arithmetic without their checks, six chains in
  // one loop (each row's six updates depend on each other, successive rows' overlap).
  double e1 = ema[0].average(), e2 = ema[1].average(), e3 = ema[2].average(), e4 = ema[3].average(),
         e5 = ema[4].average(), e6 = ema[5].average();
  const double a = ema[0].alpha(), d = ema[0].decay();
  for (; i < n; ++i) {
    e1 = e1 * d + a * in[i];
    e2 = e2 * d + a * e1;
    e3 = e3 * d + a * e2;
    e4 = e4 * d + a * e3;
    e5 = e5 * d + a * e4;
    e6 = e6 * d + a * e5;
    out[i] = t.combine(e3, e4, e5, e6);
  }
}

}  // namespace strata::indicators
