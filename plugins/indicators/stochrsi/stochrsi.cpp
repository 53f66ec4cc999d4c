#include "stochrsi.h"

#include "rsi.h"
#include "stochf.h"
#include "strata/sdk/scratch.h"

namespace strata::indicators {

void stochrsi(In close, int rsiWindow, int kWindow, int dWindow, kernels::MovingAverage kind,
              Out fastK, Out fastD) {
  const kernels::Out strength = kernels::scratchColumn(1, close.size());  // slot 0: stochasticK's
  rsi(close, rsiWindow, kernels::Smoothing::Wilder, strength);
  stochf(strength, strength, strength, kWindow, dWindow, kind, fastK, fastD);
}

}  // namespace strata::indicators
