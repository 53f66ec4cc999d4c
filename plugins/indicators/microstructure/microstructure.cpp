#include "microstructure.h"

#include "strata/sdk/scratch.h"

#include <limits>

namespace strata::indicators {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void microstructure(In open, In high, In low, In close, In volume, int window, int trendWindow,
                    const MicrostructureOutputs& out) {
  const std::size_t n = close.size();
  const Out closeChange = kernels::scratchColumn(0, n), volumeChange = kernels::scratchColumn(1, n), work = kernels::scratchColumn(2, n);
  kernels::pctChange(close, 1, closeChange);
  kernels::pctChange(volume, 1, volumeChange);
  kernels::rollingStd(closeChange, window, 1, out.priceVolatility);
  kernels::rollingStd(volumeChange, window, 1, out.volumeVolatility);
  kernels::rollingCorr(closeChange, volumeChange, window, out.priceVolumeCorr);
  kernels::diff(closeChange, 1, out.priceAcceleration);
  kernels::diff(volumeChange, 1, out.volumeAcceleration);

  kernels::rollingStd(close, window, 1, work);
  for (std::size_t i = 0; i < n; ++i)
    out.rangeVolatilityRatio[i] = (high[i] - low[i]) / (work[i] * close[i]);
  kernels::rollingMean(volume, window, work);
  for (std::size_t i = 0; i < n; ++i) out.volumeSurprise[i] = volume[i] / work[i] - 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    out.priceGap[i] = i == 0 ? kNaN : open[i] / close[i - 1] - 1.0;
    out.volumeGap[i] = i == 0 ? kNaN : volume[i] / volume[i - 1] - 1.0;
  }
  kernels::rollingMean(close, window, out.trendStrength);
  kernels::rollingMean(close, trendWindow, work);
  for (std::size_t i = 0; i < n; ++i) out.trendStrength[i] = out.trendStrength[i] / work[i] - 1.0;
}

}  // namespace strata::indicators
