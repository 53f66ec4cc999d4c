#include "zscore.h"

#include <strata/sdk/scratch.h>

#include <cmath>
#include <limits>

namespace zscore_example {

void zscore(strata::kernels::In in, int window, strata::kernels::Out out) {
  const std::size_t n = in.size();
  // The mean into the output, the deviation into per-thread scratch: no allocation per call.
  const strata::kernels::Out deviation = strata::kernels::scratchColumn(0, n);
  strata::kernels::rollingMeanStd(in, window, 1, out, deviation);
  for (std::size_t i = 0; i < n; ++i) {
    const double spread = deviation[i];
    out[i] = spread > 0 ? (in[i] - out[i]) / spread : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace zscore_example
