#include "apo.h"

#include "strata/sdk/scratch.h"

namespace strata::indicators {

void apo(In in, int fast, int slow, kernels::MovingAverage kind, Out out) {
  const kernels::Out slowAverage = kernels::scratchColumn(0, in.size());
  kernels::movingAverage(in, fast, kind, out);
  kernels::movingAverage(in, slow, kind, slowAverage);
  for (std::size_t i = 0; i < in.size(); ++i) out[i] -= slowAverage[i];
}

}  // namespace strata::indicators
