#pragma once
// The histogram of one feature column, with the counts a histogram cannot show (NaN, +-inf,
// constant). Pure: no widgets, unit-tested.
#include <cstdint>
#include <span>
#include <vector>

namespace strata::ui {

struct Histogram {
  double low = 0, high = 0;           // range of the finite values (bins span it evenly)
  std::vector<std::int64_t> counts;   // per bin; the last bin is closed on the right
  std::int64_t finite = 0, nan = 0, posInf = 0, negInf = 0;
  bool constant() const { return finite > 0 && low == high; }
  double binWidth() const { return counts.empty() ? 0 : (high - low) / double(counts.size()); }
};

/// `bins` >= 1 equal-width bins over [min, max] of the finite values. A constant column puts
/// every finite value in one bin. float64 or float32 columns, read in place.
Histogram computeHistogram(std::span<const double> values, int bins);
Histogram computeHistogram(std::span<const float> values, int bins);
/// The same over the fixed range [low, high] (so several histograms share their bins); finite
/// values outside it are clamped into the end bins.
Histogram computeHistogram(std::span<const double> values, int bins, double low, double high);
Histogram computeHistogram(std::span<const float> values, int bins, double low, double high);

}  // namespace strata::ui
