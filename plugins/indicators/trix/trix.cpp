#include "trix.h"

#include "roc.h"
#include "strata/sdk/recursive_smoothers.h"
#include "strata/sdk/scratch.h"

#include <algorithm>

namespace strata::indicators {

void trix(In in, int window, Out out) {
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  const kernels::Out triple = kernels::scratchColumn(0, in.size());
  // Three chained steps in one loop, so that the chains of successive rows overlap (as TEMA).
  kernels::detail::SmaSeededEmaStep ema1(w), ema2(w), ema3(w);
  for (std::size_t i = 0; i < in.size(); ++i) triple[i] = ema3(ema2(ema1(in[i])));
  roc(triple, 1, RocForm::Percent, out);
}

}  // namespace strata::indicators
