#include "strata/bars.h"

namespace strata {

void Bars::resize(Eigen::Index n) {
  timestamps.resize(static_cast<std::size_t>(n));
  for (Eigen::VectorXd* c : {&open, &high, &low, &close, &volume}) c->resize(n);
}

Bars Bars::head(Eigen::Index count) const {
  Bars out;
  const Eigen::Index n = std::min(count, size());
  out.timestamps.assign(timestamps.begin(), timestamps.begin() + n);
  out.open = open.head(n);
  out.high = high.head(n);
  out.low = low.head(n);
  out.close = close.head(n);
  out.volume = volume.head(n);
  return out;
}

}  // namespace strata
