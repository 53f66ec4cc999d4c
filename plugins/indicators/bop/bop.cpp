#include "bop.h"

#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void bop(In open, In high, In low, In close, Out out) {
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double range = high[i] - low[i], body = close[i] - open[i];
    const bool missing = !std::isfinite(range) || !std::isfinite(body);
    // TA-Lib's "zero or negative" range is 0.
    out[i] = missing ? kMissing : range < kernels::kTaLibZero ? 0.0 : body / range;
  }
}

}  // namespace strata::indicators
