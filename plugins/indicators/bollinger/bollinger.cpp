#include "bollinger.h"

#include "strata/sdk/scratch.h"
#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <type_traits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void bollinger(In close, int window, double numStd, int ddof, Out upper, Out middle, Out lower,
               Out bandwidth, Out percentB) {
  // Rows [first, first + count) from their means and standard deviations. The output columns
  // are distinct (restrict): the loop vectorises. Bandwidth and %B are optional (empty spans):
  // TA-Lib's BBANDS writes only the three bands.
  auto bandsWith = [&](auto derived, std::size_t first, std::size_t count, const double* means,
                       const double* stds) {
    double* __restrict up = upper.data() + first;
    double* __restrict mid = middle.data() + first;
    double* __restrict low = lower.data() + first;
    // Empty spans have no data: offsetting their null pointer is undefined (UBSan).
    double* __restrict width = decltype(derived)::value ? bandwidth.data() + first : nullptr;
    double* __restrict position = decltype(derived)::value ? percentB.data() + first : nullptr;
    const double* price = close.data() + first;
#if defined(__GNUC__) && !defined(__clang__)  // GCC only; for clang the __restrict says it
#pragma GCC ivdep
#endif
    for (std::size_t k = 0; k < count; ++k) {
      const double mean = means[k], deviation = stds[k] * numStd;
      const double high = mean + deviation, lowBand = mean - deviation, range = high - lowBand;
      up[k] = high;
      mid[k] = mean;
      low[k] = lowBand;
      if constexpr (decltype(derived)::value) {
        width[k] = range / mean;
        position[k] = (price[k] - lowBand) / range;
      }
    }
  };
  const bool derived = !bandwidth.empty() && !percentB.empty();
  auto bands = [&](std::size_t first, std::size_t count, const double* means, const double* stds) {
    if (derived)
      bandsWith(std::true_type{}, first, count, means, stds);
    else
      bandsWith(std::false_type{}, first, count, means, stds);
  };
  const std::size_t n = close.size();
  const Out mean = kernels::scratchColumn(0, n), std = kernels::scratchColumn(1, n);
  if (window < 1 || window <= ddof) {  // no defined std: the kernel's NaN columns
    kernels::rollingMeanStd(close, window, ddof, mean, std);
    bands(0, n, mean.data(), std.data());
    return;
  }
  // One pass: the five columns written from the window sums (rollingMeanStd's arithmetic) a
  // block at a time, not whole mean and std columns stored and read back.
  const auto w = static_cast<std::size_t>(window);
  const std::size_t leading = std::min(n, w - 1);
  std::fill_n(mean.begin(), leading, kNaN);
  bands(0, leading, mean.data(), mean.data());
  const double perRow = 1.0 / static_cast<double>(w), perDegree = 1.0 / (window - ddof);
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t anchorRow,
                  const std::array<double*, 2>& sums) {
    const double anchor = close[anchorRow];
    const double *s1 = sums[0], *s2 = sums[1];
    for (std::size_t k = 0; k < count; ++k) {
      mean[k] = kernels::detail::windowMean(anchor, s1[k], perRow);
      std[k] = std::sqrt(kernels::detail::windowVariance(s1[k], s2[k], perRow, perDegree));
    }
    bands(first, count, mean.data(), std.data());
  };
  kernels::detail::windowSums<2>(n, w, kernels::detail::deviationTerms(close), deliver);
}

}  // namespace strata::indicators
