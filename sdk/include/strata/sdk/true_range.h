#pragma once
// TA-Lib's true range and the pieces its range and directional-movement family (TRANGE, ATR,
// PLUS/MINUS_DM and _DI, DX, ADX, ADXR, AROON, ULTOSC) share, header-only so that each
// plugin's kernel inlines them into its loop.
// TA-Lib has no missing values; these kernels treat a bar with a missing input (NaN, +-inf) as
// a break in the series: forEachFiniteRun hands the kernel each run of complete bars, which is
// then computed as if the series began there (its warm-up restarts after the gap).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>

namespace strata::kernels {

/// TA-Lib's true range: the largest of high - low, |high - previous close| and
/// |low - previous close| (also on a bar whose high is below its low).
inline double taLibTrueRange(double high, double low, double previousClose) {
  const double range = high - low;
  const double upGap = std::abs(high - previousClose), downGap = std::abs(low - previousClose);
  return std::max(std::max(range, upGap), downGap);
}

/// For each maximal run [begin, end) of rows where complete(i) holds, body(begin, end); and
/// gap(i) for every row outside the runs.
template <typename Complete, typename Body, typename Gap>
void forEachFiniteRun(std::size_t n, Complete complete, Body body, Gap gap) {
  std::size_t i = 0;
  while (i < n) {
    if (!complete(i)) {
      gap(i++);
      continue;
    }
    const std::size_t begin = i;
    while (i < n && complete(i)) ++i;
    body(begin, i);
  }
}

}  // namespace strata::kernels
