#include "cci.h"

#include "strata/sdk/scratch.h"

#include <cmath>

namespace strata::indicators {
namespace {

// Sum of |x[k] - mean| over k < count, in four independent accumulators so that the additions
// overlap (a single running sum would wait on each add).
double absoluteDeviationSum(const double* x, std::size_t count, double mean) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t k = 0;
  for (; k + 4 <= count; k += 4) {
    s0 += std::abs(x[k] - mean);
    s1 += std::abs(x[k + 1] - mean);
    s2 += std::abs(x[k + 2] - mean);
    s3 += std::abs(x[k + 3] - mean);
  }
  for (; k < count; ++k) s0 += std::abs(x[k] - mean);
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

void cci(In high, In low, In close, int window, Out out) {
  const std::size_t n = close.size();
  const kernels::Out typical = kernels::scratchColumn(0, n);
  for (std::size_t i = 0; i < n; ++i) typical[i] = (high[i] + low[i] + close[i]) / 3.0;
  // The SDK's drift-free mean: NaN for windows holding a missing value, and for window < 1.
  kernels::rollingMean(typical, window, out);
  if (window < 1) return;
  const auto w = static_cast<std::size_t>(window);
  const double perRow = 1.0 / static_cast<double>(w);
  for (std::size_t i = w - 1; i < n; ++i) {
    const double mean = out[i];
    if (std::isnan(mean)) continue;
    const double deviation = typical[i] - mean;
    const double meanDeviation = absoluteDeviationSum(&typical[i + 1 - w], w, mean) * perRow;
    out[i] = kernels::taLibIsZero(deviation) || kernels::taLibIsZero(meanDeviation)
                 ? 0.0
                 : deviation / (0.015 * meanDeviation);
  }
}

}  // namespace strata::indicators
