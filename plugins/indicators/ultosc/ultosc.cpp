#include "ultosc.h"

#include "strata/sdk/scratch.h"
#include "strata/sdk/true_range.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A running sum's rounding error is below 2^-53 of the magnitudes it has held since it was last
// summed afresh; when those exceed this multiple of the sums now (a long series, or a huge value
// that has left the window), the window is summed afresh: the error stays below 1e-12.
constexpr double kDriftLimit = 4096.0;

double windowSum(Out values, std::size_t last, std::size_t k) {
  double sum = 0.0;
  for (std::size_t j = last + 1 - k; j <= last; ++j) sum += values[j];
  return sum;
}

// Sums of buying pressure and true range over the last k rows, moved one row at a time.
struct WindowSums {
  std::size_t k;
  double pressure = 0.0, range = 0.0, held = 0.0;

  void resum(Out bp, Out tr, std::size_t last) {
    pressure = windowSum(bp, last, k);
    range = windowSum(tr, last, k);
    held = 0.0;
  }
  void advance(Out bp, Out tr, std::size_t last) {
    pressure += bp[last] - bp[last - k];
    range += tr[last] - tr[last - k];
    const double now = std::abs(pressure) + std::abs(range);
    held += now;
    if (held > kDriftLimit * now) resum(bp, tr, last);
  }
  double ratio() const { return kernels::taLibIsZero(range) ? 0.0 : pressure / range; }
};

// 4 avg_short + 2 avg_middle + avg_long. On one division (the loop's slowest step) where no
// range sum is zero: the same value within a few ulps.
double weighted(const std::array<WindowSums, 3>& s) {
  const double r0 = s[0].range, r1 = s[1].range, r2 = s[2].range;
  if (__builtin_expect(int{kernels::taLibIsZero(r0)} | int{kernels::taLibIsZero(r1)} | int{kernels::taLibIsZero(r2)}, 0))
    return 4.0 * s[0].ratio() + 2.0 * s[1].ratio() + s[2].ratio();
  const double numerator = (4.0 * s[0].pressure * r1 + 2.0 * s[1].pressure * r0) * r2 + s[2].pressure * (r0 * r1);
  return numerator / (r0 * r1 * r2);
}

}  // namespace

void ultosc(In high, In low, In close, int period1, int period2, int period3, Out out) {
  const std::size_t n = out.size();
  std::array<int, 3> periods{period1, period2, period3};
  std::sort(periods.begin(), periods.end());
  if (periods[0] < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const Out bp = kernels::scratchColumn(0, n), tr = kernels::scratchColumn(1, n);
  const auto longest = static_cast<std::size_t>(periods[2]);
  auto run = [&](std::size_t begin, std::size_t end) {
    std::fill(out.begin() + begin, out.begin() + std::min(end, begin + longest), kNaN);
    for (std::size_t i = begin + 1; i < end; ++i) {
      const double previous = close[i - 1];
      bp[i] = close[i] - std::min(low[i], previous);
      tr[i] = kernels::taLibTrueRange(high[i], low[i], previous);
    }
    std::array<WindowSums, 3> sums{WindowSums{static_cast<std::size_t>(periods[0])},
                                   WindowSums{static_cast<std::size_t>(periods[1])},
                                   WindowSums{longest}};
    for (std::size_t i = begin + longest; i < end; ++i) {
      for (WindowSums& s : sums) i == begin + longest ? s.resum(bp, tr, i) : s.advance(bp, tr, i);
      out[i] = 100.0 * (weighted(sums) / 7.0);
    }
  };
  auto complete = [&](std::size_t i) {
    return std::isfinite(high[i]) && std::isfinite(low[i]) && std::isfinite(close[i]);
  };
  kernels::forEachFiniteRun(n, complete, run, [&](std::size_t i) { out[i] = kNaN; });
}

}  // namespace strata::indicators
