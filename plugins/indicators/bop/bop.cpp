#include "bop.h"

namespace strata::indicators {

void bop(In open, In high, In low, In close, Out out) {
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double range = high[i] - low[i], body = close[i] - open[i];
    // Divided on every row, then selected (a select the compiler vectorises, built without
    // trapping math): TA-Lib's "zero or negative" range is 0, and (range + body) * 0 adds NaN
    // exactly when a value was missing.
    const double balance = body / range;
    out[i] = (range < kernels::kTaLibZero ? 0.0 : balance) + (range + body) * 0.0;
  }
}

}  // namespace strata::indicators
