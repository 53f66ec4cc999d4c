#pragma once
// Column kernels shared by several plugins (and the engine's target), in the TA-Lib manner: one small function each, caller-
// owned output buffers of the input's length, the lookback (leading rows left NaN for a fully
// defined input) stated, O(n) and allocation-free in the loop.
// Semantics follow pandas 1.5, which the reference code of docs/spec.md uses, unless a comment says more:
//  - rolling statistics treat +-inf as missing (pandas converts inf to NaN before rolling) and
//    need `window` non-missing values (min_periods = window), else NaN;
//  - they are computed to full double precision (compensated sums on a re-anchored origin and
//    an exact result for windows of equal values), so they agree with an exact two-pass
//    computation at 1e-12 relative where pandas' running sums drift.
#include "strata/sdk/visibility.h"

#include <cstddef>
#include <span>
#include <vector>

namespace strata::kernels {

using In = std::span<const double>;
using Out = std::span<double>;

/// TA-Lib 0.4's "is zero" (TA_IS_ZERO): |v| below 1e-8. Where TA-Lib would divide by such a
/// value it writes 0, and the plugins that follow its conventions do the same.
inline constexpr double kTaLibZero = 1e-8;
inline bool taLibIsZero(double v) { return -kTaLibZero < v && v < kTaLibZero; }

/// out[i] = in[i] - in[i - p]. Lookback p. (pandas diff(p))
STRATA_SDK_EXPORT void diff(In in, int p, Out out);
/// pandas pct_change(p): forward-fill NaN, then f[i] / f[i - p] - 1; x/0 is +-inf, 0/0 NaN.
/// Lookback p.
STRATA_SDK_EXPORT void pctChange(In in, int p, Out out);

/// Rolling mean over `window` values. Lookback window - 1.
STRATA_SDK_EXPORT void rollingMean(In in, int window, Out out);
/// Rolling variance with `ddof` (1: sample, 0: population). Lookback window - 1.
STRATA_SDK_EXPORT void rollingVar(In in, int window, int ddof, Out out);
/// Rolling standard deviation (sqrt of rollingVar). Lookback window - 1.
STRATA_SDK_EXPORT void rollingStd(In in, int window, int ddof, Out out);
/// Rolling mean and standard deviation from one pass over shared sums; either output may be
/// empty (not computed). Same values as rollingMean and rollingStd. Lookback window - 1.
STRATA_SDK_EXPORT void rollingMeanStd(In in, int window, int ddof, Out mean, Out std);
/// Rolling minimum / maximum (van Herk / Gil-Werman block scans). Lookback window - 1.
STRATA_SDK_EXPORT void rollingMin(In in, int window, Out out);
STRATA_SDK_EXPORT void rollingMax(In in, int window, Out out);
/// Rolling Pearson correlation (ddof cancels). A row is missing when either side is.
/// Lookback window - 1.
STRATA_SDK_EXPORT void rollingCorr(In x, In y, int window, Out out);

/// pandas ewm(alpha=alpha, adjust=False, min_periods=minPeriods).mean(): seeded with the first
/// non-missing value; a missing value (NaN or +-inf, as pandas) carries the previous output and
/// decays the old weight.
/// Lookback minPeriods - 1 (0 for minPeriods <= 1).
STRATA_SDK_EXPORT void ewmMean(In in, double alpha, int minPeriods, Out out);
/// Wilder's smoothing as TA-Lib and TradingView seed it: the mean of the first `window` values,
/// then avg = avg + (x - avg) / window. A missing value (NaN, +-inf) before the seed restarts
/// it; after it, that row is NaN and the average carries on unchanged. Lookback window - 1
/// (counted from the first value).
STRATA_SDK_EXPORT void wilderMean(In in, int window, Out out);

/// TA-Lib's EMA: alpha = 2 / (window + 1), seeded with the mean of the first `window` values,
/// then avg = avg * (1 - alpha) + alpha * x. Missing values as wilderMean. Lookback window - 1
/// (counted from the first value).
STRATA_SDK_EXPORT void smaSeededEma(In in, int window, Out out);

/// The moving averages of TA-Lib's MAType that Strata offers: SMA (rollingMean) and EMA
/// (smaSeededEma).
enum class MovingAverage { Sma, Ema };
/// The moving average `kind` of `in`. Lookback window - 1.
STRATA_SDK_EXPORT void movingAverage(In in, int window, MovingAverage kind, Out out);

}  // namespace strata::kernels
