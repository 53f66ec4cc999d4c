#pragma once
// The ten microstructure features (docs/spec.md, Microstructure).
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

struct MicrostructureOutputs {
  Out priceVolatility, volumeVolatility, priceVolumeCorr, priceAcceleration, volumeAcceleration,
      rangeVolatilityRatio, volumeSurprise, priceGap, volumeGap, trendStrength;
};
/// docs/spec.md's ten microstructure features with its windows as parameters (20 and 50).
void microstructure(In open, In high, In low, In close, In volume, int window, int trendWindow,
                    const MicrostructureOutputs& out);

}  // namespace strata::indicators
