#include "stddev.h"

#include <cmath>

namespace strata::indicators {

void variance(In in, int window, Out out) { kernels::rollingVar(in, window, 0, out); }

void stddev(In in, int window, double nbDev, Out out) {
  kernels::rollingVar(in, window, 0, out);
  for (double& v : out)  // NaN fails the test and stays NaN
    v = v < kernels::kTaLibZero ? 0.0 : std::sqrt(v) * nbDev;
}

}  // namespace strata::indicators
