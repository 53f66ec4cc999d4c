#include "strata/indicators.h"

#include "window_sums.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <vector>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Per-thread scratch columns, grown on demand and reused by every later call on that thread:
// fresh multi-megabyte buffers on each call would cost more in page faults than the maths.
Out scratch(int slot, std::size_t n) {
  thread_local std::vector<std::vector<double>> buffers;
  const auto k = static_cast<std::size_t>(slot);
  if (buffers.size() <= k) buffers.resize(k + 1);
  if (buffers[k].size() < n) buffers[k].resize(n);
  return {buffers[k].data(), n};
}

void smooth(In in, int window, Smoothing smoothing, Out out) {
  switch (smoothing) {
    case Smoothing::Sma:
      kernels::rollingMean(in, window, out);
      return;
    case Smoothing::Wilder:
      kernels::wilderMean(in, window, out);
      return;
    case Smoothing::Ema:
      kernels::ewmMean(in, 2.0 / (window + 1.0), window, out);
      return;
  }
}

// `value`, or +0.0 when `drop`, by masking its bits: no branch, and unlike value * 0 it gives
// +0.0 for a NaN or infinite value too.
inline double keepUnless(bool drop, double value) {
  const auto mask = std::uint64_t{0} - static_cast<std::uint64_t>(!drop);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(value) & mask);
}

}  // namespace

void rsi(In close, int window, Smoothing smoothing, Out out) {
  const std::size_t n = close.size();
  // The spec's masks, branch-free: a gain is delta unless delta < 0 (then +0), a loss |delta|
  // unless delta > 0; NaN stays NaN in both, as the spec's boolean masks leave it.
  auto gainAndLoss = [close](std::size_t i) {
    const double delta = i == 0 ? kNaN : close[i] - close[i - 1];
    return std::array<double, 2>{keepUnless(delta < 0, delta), keepUnless(delta > 0, std::abs(delta))};
  };
  // rsi = 100 - 100 / (1 + gain / loss) = 100 * gain / (gain + loss): one division, and no
  // cancellation when the loss dominates.
  auto ratio = [](double gain, double loss) {
    const double total = gain + loss;
    return 100.0 * gain / total + total * 0.0;  // total * 0: NaN when a sum met an infinity
  };
  if (smoothing == Smoothing::Sma && window >= 1) {
    // The averages' 1/window cancels: plain window sums of the gains and losses (non-negative,
    // so a sum of them has no cancellation and needs no anchor), in one pass.
    const auto w = static_cast<std::size_t>(window);
    std::fill_n(out.begin(), std::min(n, w - 1), kNaN);
    auto terms = [&](std::size_t i, std::size_t) { return gainAndLoss(i); };
    auto emit = [&](std::size_t first, std::size_t count, std::size_t,
                    const std::array<double*, 2>& sums) {
      double* o = out.data() + first;
      for (std::size_t k = 0; k < count; ++k) o[k] = ratio(sums[0][k], sums[1][k]);
    };
    kernels::detail::windowSums<2>(n, w, terms, emit);
    return;
  }
  const Out gain = scratch(0, n), loss = scratch(1, n), averageLoss = scratch(2, n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto [g, l] = gainAndLoss(i);
    gain[i] = g;
    loss[i] = l;
  }
  smooth(gain, window, smoothing, out);
  smooth(loss, window, smoothing, averageLoss);
  for (std::size_t i = 0; i < n; ++i) out[i] = ratio(out[i], averageLoss[i]);
}

void macd(In close, int fast, int slow, int signal, Out macdOut, Out signalOut, Out histogram) {
  const std::size_t n = close.size();
  const Out slowEma = scratch(0, n);
  kernels::ewmMean(close, 2.0 / (fast + 1.0), 1, macdOut);
  kernels::ewmMean(close, 2.0 / (slow + 1.0), 1, slowEma);
  for (std::size_t i = 0; i < n; ++i) macdOut[i] -= slowEma[i];
  kernels::ewmMean(macdOut, 2.0 / (signal + 1.0), 1, signalOut);
  for (std::size_t i = 0; i < n; ++i) histogram[i] = macdOut[i] - signalOut[i];
}

void bollinger(In close, int window, double numStd, int ddof, Out upper, Out middle, Out lower,
               Out bandwidth, Out percentB) {
  kernels::rollingMeanStd(close, window, ddof, middle, bandwidth);  // std, overwritten below
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double deviation = bandwidth[i] * numStd;
    upper[i] = middle[i] + deviation;
    lower[i] = middle[i] - deviation;
    bandwidth[i] = (upper[i] - lower[i]) / middle[i];
    percentB[i] = (close[i] - lower[i]) / (upper[i] - lower[i]);
  }
}

void atr(In high, In low, In close, int window, Smoothing smoothing, Out out) {
  const std::size_t n = close.size();
  const Out trueRange = scratch(0, n);
  for (std::size_t i = 0; i < n; ++i) {
    const double prevClose = i == 0 ? kNaN : close[i - 1];
    const double candidates[] = {high[i] - low[i], std::abs(high[i] - prevClose),
                                 std::abs(low[i] - prevClose)};
    double best = kNaN;  // pandas' max(axis=1) skips NaN; all NaN gives NaN
    for (double c : candidates)
      if (!std::isnan(c) && (std::isnan(best) || c > best)) best = c;
    trueRange[i] = best;
  }
  smooth(trueRange, window, smoothing, out);
}

void obv(In close, In volume, Out out) {
  const std::size_t n = close.size();
  if (n == 0) return;
  out[0] = 0.0;
  for (std::size_t i = 1; i < n; ++i) {
    // Branch-free: the direction of a close is a coin flip to the branch predictor. A flat or
    // NaN change (a missing close) adds nothing, not even a NaN volume, as the spec's else
    // branch carries the total; the volume's bits are masked rather than multiplied by 0.
    const double change = close[i] - close[i - 1];
    const int direction = (change > 0) - (change < 0);
    out[i] = out[i - 1] + static_cast<double>(direction) * keepUnless(direction == 0, volume[i]);
  }
}

void microstructure(In open, In high, In low, In close, In volume, int window, int trendWindow,
                    const MicrostructureOutputs& out) {
  const std::size_t n = close.size();
  const Out closeChange = scratch(0, n), volumeChange = scratch(1, n), work = scratch(2, n);
  kernels::pctChange(close, 1, closeChange);
  kernels::pctChange(volume, 1, volumeChange);
  kernels::rollingStd(closeChange, window, 1, out.priceVolatility);
  kernels::rollingStd(volumeChange, window, 1, out.volumeVolatility);
  kernels::rollingCorr(closeChange, volumeChange, window, out.priceVolumeCorr);
  kernels::diff(closeChange, 1, out.priceAcceleration);
  kernels::diff(volumeChange, 1, out.volumeAcceleration);

  kernels::rollingStd(close, window, 1, work);
  for (std::size_t i = 0; i < n; ++i)
    out.rangeVolatilityRatio[i] = (high[i] - low[i]) / (work[i] * close[i]);
  kernels::rollingMean(volume, window, work);
  for (std::size_t i = 0; i < n; ++i) out.volumeSurprise[i] = volume[i] / work[i] - 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    out.priceGap[i] = i == 0 ? kNaN : open[i] / close[i - 1] - 1.0;
    out.volumeGap[i] = i == 0 ? kNaN : volume[i] / volume[i - 1] - 1.0;
  }
  kernels::rollingMean(close, window, out.trendStrength);
  kernels::rollingMean(close, trendWindow, work);
  for (std::size_t i = 0; i < n; ++i) out.trendStrength[i] = out.trendStrength[i] / work[i] - 1.0;
}

}  // namespace strata::indicators
