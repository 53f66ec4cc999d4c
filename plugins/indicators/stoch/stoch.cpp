#include "stoch.h"

#include "stochf.h"
#include "strata/sdk/scratch.h"

namespace strata::indicators {

void stoch(In high, In low, In close, int kWindow, StochSmoothing slowKSmoothing,
           StochSmoothing slowDSmoothing, Out slowK, Out slowD) {
  const kernels::Out fastK = kernels::scratchColumn(1, close.size());  // slot 0: stochasticK's
  stochasticK(high, low, close, kWindow, fastK);
  kernels::movingAverage(fastK, slowKSmoothing.window, slowKSmoothing.kind, slowK);
  smoothAndAlign(slowK, slowDSmoothing.window, slowDSmoothing.kind, slowD);
}

}  // namespace strata::indicators
