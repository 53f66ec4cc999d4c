#include "donchian.h"

#include <cmath>
#include <limits>

namespace strata::indicators {

void donchian(In high, In low, int window, Out upper, Out middle, Out lower) {
  // The SDK's block-scan extremes: O(1) per row, NaN where a window held a missing value.
  kernels::rollingMax(high, window, upper);
  kernels::rollingMin(low, window, lower);
  for (std::size_t i = 0; i < middle.size(); ++i) middle[i] = (upper[i] + lower[i]) * 0.5;  // middle may alias upper (MIDPRICE)
}

void channelWidth(In upper, In middle, In lower, Out width) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < width.size(); ++i)
    width[i] = middle[i] == 0.0 ? nan : (upper[i] - lower[i]) / middle[i];
}

}  // namespace strata::indicators
