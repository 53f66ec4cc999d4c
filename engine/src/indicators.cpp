#include "strata/indicators.h"

#include "recursive_smoothers.h"
#include "window_sums.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <type_traits>
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

// Runs body(make) with a factory of the recursive smoother `smoothing` names (Wilder or EMA),
// so that a fused loop can step several averages of the same kind.
template <typename Body>
void withRecursiveSmoother(Smoothing smoothing, int window, Body body) {
  if (smoothing == Smoothing::Wilder)
    body([window] { return kernels::detail::WilderStep(static_cast<std::size_t>(std::max(window, 1))); });
  else
    body([window] { return kernels::detail::EwmStep(2.0 / (window + 1.0), window); });
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
    const kernels::detail::AnchorFree terms{gainAndLoss};
    auto emit = [&](std::size_t first, std::size_t count, std::size_t,
                    const std::array<double*, 2>& sums) {
      double* o = out.data() + first;
      for (std::size_t k = 0; k < count; ++k) o[k] = ratio(sums[0][k], sums[1][k]);
    };
    kernels::detail::windowSums<2>(n, w, terms, emit);
    return;
  }
  // Wilder or EMA: both averages in one loop, two independent chains.
  withRecursiveSmoother(smoothing, window, [&](auto make) {
    auto averageGain = make(), averageLoss = make();
    for (std::size_t i = 0; i < n; ++i) {
      const auto [gain, loss] = gainAndLoss(i);
      out[i] = ratio(averageGain(gain), averageLoss(loss));
    }
  });
}

void macd(In close, int fast, int slow, int signal, Out macdOut, Out signalOut, Out histogram) {
  // The three EMAs in one loop: three independent dependency chains the processor overlaps.
  kernels::detail::EwmStep fastEma(2.0 / (fast + 1.0), 1), slowEma(2.0 / (slow + 1.0), 1),
      signalEma(2.0 / (signal + 1.0), 1);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const double line = fastEma(close[i]) - slowEma(close[i]);
    const double smoothed = signalEma(line);
    macdOut[i] = line;
    signalOut[i] = smoothed;
    histogram[i] = line - smoothed;
  }
}

void bollinger(In close, int window, double numStd, int ddof, Out upper, Out middle, Out lower,
               Out bandwidth, Out percentB) {
  // Rows [first, first + count) from their means and standard deviations. The output columns
  // are distinct (restrict): the loop vectorises. Bandwidth and %B are optional (empty spans):
  // TA-Lib's BBANDS writes only the three bands.
  auto bandsWith = [&](auto derived, std::size_t first, std::size_t count, const double* means,
                       const double* stds) {
    double* __restrict up = upper.data() + first;
    double* __restrict mid = middle.data() + first;
    double* __restrict low = lower.data() + first;
    double* __restrict width = bandwidth.data() + first;
    double* __restrict position = percentB.data() + first;
    const double* price = close.data() + first;
#pragma GCC ivdep
    for (std::size_t k = 0; k < count; ++k) {
      const double mean = means[k], deviation = stds[k] * numStd;
      const double high = mean + deviation, lowBand = mean - deviation, range = high - lowBand;
      up[k] = high;
      mid[k] = mean;
      low[k] = lowBand;
      if constexpr (decltype(derived)::value) {
        width[k] = range / mean;
        position[k] = (price[k] - lowBand) / range;
      }
    }
  };
  const bool derived = !bandwidth.empty() && !percentB.empty();
  auto bands = [&](std::size_t first, std::size_t count, const double* means, const double* stds) {
    if (derived)
      bandsWith(std::true_type{}, first, count, means, stds);
    else
      bandsWith(std::false_type{}, first, count, means, stds);
  };
  const std::size_t n = close.size();
  const Out mean = scratch(0, n), std = scratch(1, n);
  if (window < 1 || window <= ddof) {  // no defined std: the kernel's NaN columns
    kernels::rollingMeanStd(close, window, ddof, mean, std);
    bands(0, n, mean.data(), std.data());
    return;
  }
  // One pass: the five columns written from the window sums (rollingMeanStd's arithmetic) a
  // block at a time, not whole mean and std columns stored and read back.
  const auto w = static_cast<std::size_t>(window);
  const std::size_t leading = std::min(n, w - 1);
  std::fill_n(mean.begin(), leading, kNaN);
  bands(0, leading, mean.data(), mean.data());
  const double perRow = 1.0 / static_cast<double>(w), perDegree = 1.0 / (window - ddof);
  auto emit = [&](std::size_t first, std::size_t count, std::size_t anchorRow,
                  const std::array<double*, 2>& sums) {
    const double anchor = close[anchorRow];
    const double *s1 = sums[0], *s2 = sums[1];
    for (std::size_t k = 0; k < count; ++k) {
      mean[k] = kernels::detail::windowMean(anchor, s1[k], perRow);
      std[k] = std::sqrt(kernels::detail::windowVariance(s1[k], s2[k], perRow, perDegree));
    }
    bands(first, count, mean.data(), std.data());
  };
  kernels::detail::windowSums<2>(n, w, kernels::detail::deviationTerms(close), emit);
}

void atr(In high, In low, In close, int window, Smoothing smoothing, Out out) {
  const std::size_t n = close.size();
  auto trueRange = [&](std::size_t i) {
    const double prevClose = i == 0 ? kNaN : close[i - 1], h = high[i], l = low[i];
    // The usual row (high >= low, no NaN): max(high, prev) - min(low, prev) is the very
    // subtraction the maximum below picks (rounding is monotonic), so the same bits, cheaper.
    if (__builtin_expect(h >= l && prevClose == prevClose, 1))
      return std::max(h, prevClose) - std::min(l, prevClose);
    const double candidates[] = {h - l, std::abs(h - prevClose), std::abs(l - prevClose)};
    double best = kNaN;  // pandas' max(axis=1) skips NaN; all NaN gives NaN. Branch-free.
    for (double c : candidates) best = (c > best || best != best) ? c : best;
    return best;
  };
  if (smoothing == Smoothing::Sma) {
    const Out ranges = scratch(0, n);
    for (std::size_t i = 0; i < n; ++i) ranges[i] = trueRange(i);
    kernels::rollingMean(ranges, window, out);
    return;
  }
  withRecursiveSmoother(smoothing, window, [&](auto make) {
    auto average = make();
    for (std::size_t i = 0; i < n; ++i) out[i] = average(trueRange(i));
  });
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
