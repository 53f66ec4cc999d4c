#include "histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::ui {
namespace {

/// Counts NaN / inf and the finite range; returns the histogram without bins.
template <typename Value>
Histogram countValues(std::span<const Value> values) {
  Histogram h;
  h.low = std::numeric_limits<double>::infinity();
  h.high = -h.low;
  for (const double v : values) {  // a float widens exactly
    if (std::isnan(v)) {
      ++h.nan;
    } else if (std::isinf(v)) {
      ++(v > 0 ? h.posInf : h.negInf);
    } else {
      ++h.finite;
      h.low = std::min(h.low, v);
      h.high = std::max(h.high, v);
    }
  }
  if (h.finite == 0) h.low = h.high = 0;
  return h;
}

template <typename Value>
void fillBins(Histogram& h, std::span<const Value> values, int bins) {
  if (h.finite > 0 && h.low == h.high) {
    h.counts.assign(1, h.finite);
    return;
  }
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  if (h.finite == 0) return;
  const double scale = bins / (h.high - h.low);
  for (const double v : values) {
    if (!std::isfinite(v)) continue;
    const auto bin = std::clamp(static_cast<int>((v - h.low) * scale), 0, bins - 1);
    ++h.counts[static_cast<std::size_t>(bin)];
  }
}

template <typename Value>
Histogram histogramOf(std::span<const Value> values, int bins) {
  Histogram h = countValues(values);
  fillBins(h, values, std::max(bins, 1));
  return h;
}

template <typename Value>
Histogram histogramOf(std::span<const Value> values, int bins, double low, double high) {
  Histogram h = countValues(values);
  if (h.finite > 0 && low < high) {
    h.low = low;
    h.high = high;
  }
  fillBins(h, values, std::max(bins, 1));
  return h;
}

}  // namespace

Histogram computeHistogram(std::span<const double> values, int bins) { return histogramOf(values, bins); }
Histogram computeHistogram(std::span<const float> values, int bins) { return histogramOf(values, bins); }
Histogram computeHistogram(std::span<const double> values, int bins, double low, double high) {
  return histogramOf(values, bins, low, high);
}
Histogram computeHistogram(std::span<const float> values, int bins, double low, double high) {
  return histogramOf(values, bins, low, high);
}

}  // namespace strata::ui
