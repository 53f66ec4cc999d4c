#pragma once
// Rate of change in TA-Lib's four forms: ROC, ROCP, ROCR and ROCR100.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

enum class RocForm {
  Percent,   // ROC: (close / earlier - 1) * 100
  Fraction,  // ROCP: (close - earlier) / earlier
  Ratio,     // ROCR: close / earlier
  Ratio100,  // ROCR100: close / earlier * 100
};

/// The change of in[i] against earlier = in[i - period] in the given form; 0 where earlier is
/// 0 (TA-Lib). A NaN reaches the two rows that read it; an infinity follows IEEE arithmetic
/// there. period < 0 is taken as 0. Lookback period.
void roc(In in, int period, RocForm form, Out out);

}  // namespace strata::indicators
