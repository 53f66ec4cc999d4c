#include "histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::ui {

Histogram computeHistogram(std::span<const double> values, int bins) {
  Histogram h;
  bins = std::max(bins, 1);
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const double v : values) {
    if (std::isnan(v)) {
      ++h.nan;
    } else if (std::isinf(v)) {
      ++(v > 0 ? h.posInf : h.negInf);
    } else {
      ++h.finite;
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  if (h.finite == 0) {
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    return h;
  }
  h.low = low;
  h.high = high;
  if (low == high) {
    h.counts.assign(1, h.finite);
    return h;
  }
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  const double scale = bins / (high - low);
  for (const double v : values) {
    if (!std::isfinite(v)) continue;
    const auto bin = std::min(static_cast<int>((v - low) * scale), bins - 1);
    ++h.counts[static_cast<std::size_t>(bin)];
  }
  return h;
}

}  // namespace strata::ui
