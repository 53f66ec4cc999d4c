#include "natr.h"

#include "atr.h"

#include <cmath>
#include <limits>

namespace strata::indicators {

void natr(In high, In low, In close, int window, Out out) {
  // TA-Lib's ATR: the atr plugin's Wilder smoothing of true ranges from row 1.
  atr(high, low, close, window, kernels::Smoothing::Wilder, out, 1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double c = close[i], percent = 100.0 * out[i] / c;
    // A missing close would give 0 (ATR / inf) or pass the zero test: NaN.
    const double value = kernels::taLibIsZero(c) ? 0.0 : percent;
    out[i] = std::isfinite(c) ? value : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace strata::indicators
