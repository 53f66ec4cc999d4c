#include "macd.h"

#include "strata/sdk/recursive_smoothers.h"

namespace strata::indicators {

void macd(In close, int fast, int slow, int signal, Out macdOut, Out signalOut, Out histogram) {
  // The three EMAs in one loop: three independent dependency chains the processor overlaps.
  kernels::detail::EwmStep fastEma(2.0 / (fast + 1.0), 1), slowEma(2.0 / (slow + 1.0), 1),
      signalEma(2.0 / (signal + 1.0), 1);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double line = fastEma(close[i]) - slowEma(close[i]);
    const double smoothed = signalEma(line);
    macdOut[i] = line;
    signalOut[i] = smoothed;
    histogram[i] = line - smoothed;
  }
}

}  // namespace strata::indicators
