#include "price_transform.h"

namespace strata::indicators {

void averagePrice(In open, In high, In low, In close, Out out) {
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = (open[i] + high[i] + low[i] + close[i]) * 0.25;
}

void medianPrice(In high, In low, Out out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i]) * 0.5;
}

void typicalPrice(In high, In low, In close, Out out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i] + close[i]) / 3.0;
}

void weightedClosePrice(In high, In low, In close, Out out) {
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (high[i] + low[i] + 2.0 * close[i]) * 0.25;
}

}  // namespace strata::indicators
