#pragma once
// The price transforms: one price per bar from its open, high, low and close, TA-Lib's AVGPRICE,
// MEDPRICE, TYPPRICE and WCLPRICE.
// The kernels the plugin runs and the benchmarks measure: caller-owned columns of equal length.
// A missing value (NaN, +-inf) gives NaN or +-inf on its row. Lookback 0.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// (open + high + low + close) / 4
void averagePrice(In open, In high, In low, In close, Out out);
/// (high + low) / 2
void medianPrice(In high, In low, Out out);
/// (high + low + close) / 3
void typicalPrice(In high, In low, In close, Out out);
/// (high + low + 2 * close) / 4
void weightedClosePrice(In high, In low, In close, Out out);

}  // namespace strata::indicators
