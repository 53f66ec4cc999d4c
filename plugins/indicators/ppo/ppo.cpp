#include "ppo.h"

#include "strata/sdk/scratch.h"

namespace strata::indicators {

void ppo(In in, int fast, int slow, kernels::MovingAverage kind, Out out) {
  const kernels::Out slowAverage = kernels::scratchColumn(0, in.size());
  kernels::movingAverage(in, fast, kind, out);
  kernels::movingAverage(in, slow, kind, slowAverage);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double base = slowAverage[i];
    out[i] = kernels::taLibIsZero(base) ? 0.0 : (out[i] - base) / base * 100.0;
  }
}

}  // namespace strata::indicators
