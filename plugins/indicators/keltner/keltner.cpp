#include "keltner.h"

#include "atr.h"

namespace strata::indicators {

void keltner(In high, In low, In close, int window, double multiplier, Out upper, Out middle,
             Out lower) {
  kernels::smaSeededEma(close, window, middle);
  // TA-Lib's ATR (as NATR: Wilder, true ranges from row 1) into `lower`, then each row's bands.
  atr(high, low, close, window, kernels::Smoothing::Wilder, lower, 1);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const double band = multiplier * lower[i];
    upper[i] = middle[i] + band;
    lower[i] = middle[i] - band;
  }
}

}  // namespace strata::indicators
