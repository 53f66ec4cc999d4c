#include "ad.h"

namespace strata::indicators {

void ad(In high, In low, In close, In volume, Out out) {
  const std::size_t n = close.size();
  double total = 0.0;
  std::size_t i = 0;
  // Two bars per step: the pair's sum is off the running total's chain, which then takes one
  // add per two rows (the sum differs from a row-by-row one by rounding only).
  for (; i + 1 < n; i += 2) {
    const AdStep first = adStep(high[i], low[i], close[i], volume[i]);
    const AdStep second = adStep(high[i + 1], low[i + 1], close[i + 1], volume[i + 1]);
    out[i] = total + first.add + first.missing;
    total += first.add + second.add;
    out[i + 1] = total + second.missing;
  }
  if (i < n) {
    const AdStep last = adStep(high[i], low[i], close[i], volume[i]);
    out[i] = total + last.add + last.missing;
  }
}

}  // namespace strata::indicators
