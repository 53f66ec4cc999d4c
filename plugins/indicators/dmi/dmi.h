#pragma once
// Wilder's directional movement system as TA-Lib computes it: PLUS_DM, MINUS_DM, PLUS_DI,
// MINUS_DI, DX, ADX and ADXR, from one pass over the bars.
// The kernel the plugin runs and the benchmarks measure: caller-owned columns of equal length.
#include "strata/sdk/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

/// The outputs dmi() writes; an empty one is not computed (the benchmarks time each alone).
struct DmiOutputs {
  Out plusDm, minusDm;  // Wilder sums of the +DM / -DM moves. Lookback window - 1.
  Out plusDi, minusDi;  // 100 * DM sum / true-range sum. Lookback window.
  Out dx;               // 100 * |+DI - -DI| / (+DI + -DI). Lookback window.
  Out adx;              // Wilder's average of DX. Lookback 2 * window - 1.
  Out adxr;             // (adx + adx window - 1 rows back) / 2. Lookback 3 * window - 2.
};

/// +DM = the up move (high - previous high) when it is positive and larger than the down move
/// (previous low - low), else 0; -DM the other way round. TA-Lib's sums: the first is the sum
/// of the first window - 1 moves (rows 1 .. window - 1), then s = s - s / window + move; the
/// true range is summed the same way. DI is 0 where the range sum is TA-Lib's zero; DX keeps
/// its previous value (0 at first) where the range or DI sum is zero, and ADX does not move
/// there. A bar with a missing high, low or close (NaN, +-inf) is NaN in every output and the
/// computation restarts after it (kernels::forEachFiniteRun). window < 2 gives NaN everywhere.
void dmi(In high, In low, In close, int window, const DmiOutputs& out);

}  // namespace strata::indicators
