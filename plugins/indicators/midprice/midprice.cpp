#include "midprice.h"

#include "donchian.h"
#include "strata/sdk/scratch.h"

namespace strata::indicators {

void midprice(In high, In low, int window, Out out) {
  // The Donchian channel's middle: the highest high goes to `out` itself, which the middle
  // then overwrites row by row (each row reads only its own upper and lower).
  const kernels::Out lowest = kernels::scratchColumn(0, low.size());
  donchian(high, low, window, out, out, lowest);
}

}  // namespace strata::indicators
