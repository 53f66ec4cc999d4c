#pragma once
// The indicator compositions behind the indicator plugins, here so that the plugins stay thin
// and the kernel benchmark measures exactly the code the plugins run. Inputs and outputs are
// caller-owned columns of equal length; formulas are the spec's, options as documented.
#include "strata/kernels.h"

namespace strata::indicators {

using kernels::In;
using kernels::Out;

enum class Smoothing { Sma, Wilder, Ema };

/// Spec: gains/losses of close.diff(), averaged, rsi = 100 - 100 / (1 + gain / loss).
/// Lookback window.
void rsi(In close, int window, Smoothing smoothing, Out out);

/// EMAs with adjust=False. Lookback 0.
void macd(In close, int fast, int slow, int signal, Out macd, Out macdSignal, Out histogram);

/// Middle = SMA, bands = middle +- numStd * std(ddof); bandwidth = (upper - lower) / middle and
/// %B = (close - lower) / (upper - lower), not written when given empty. Lookback window - 1.
void bollinger(In close, int window, double numStd, int ddof, Out upper, Out middle, Out lower,
               Out bandwidth, Out percentB);

/// True range (max of high-low, |high-prev close|, |low-prev close|, skipping NaN), smoothed.
/// Lookback window - 1.
void atr(In high, In low, In close, int window, Smoothing smoothing, Out out);

/// The spec's loop: add volume on an up close, subtract on a down close. Lookback 0.
void obv(In close, In volume, Out out);

struct MicrostructureOutputs {
  Out priceVolatility, volumeVolatility, priceVolumeCorr, priceAcceleration, volumeAcceleration,
      rangeVolatilityRatio, volumeSurprise, priceGap, volumeGap, trendStrength;
};
/// The spec's ten microstructure features with its windows as parameters (20 and 50).
void microstructure(In open, In high, In low, In close, In volume, int window, int trendWindow,
                    const MicrostructureOutputs& out);

}  // namespace strata::indicators
