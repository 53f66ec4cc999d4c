#include "strata/bars.h"

#include <algorithm>

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

Bars Bars::slice(Eigen::Index begin, Eigen::Index end) const {
  Bars out;
  end = std::min(end, size());
  begin = std::clamp<Eigen::Index>(begin, 0, end);
  const Eigen::Index n = end - begin;
  out.timestamps.assign(timestamps.begin() + begin, timestamps.begin() + end);
  out.open = open.segment(begin, n);
  out.high = high.segment(begin, n);
  out.low = low.segment(begin, n);
  out.close = close.segment(begin, n);
  out.volume = volume.segment(begin, n);
  return out;
}

}  // namespace strata
