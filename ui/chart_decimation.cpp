#include "chart_decimation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::ui {
namespace {

/// Splits `rows` into `buckets` near-equal runs of consecutive rows; calls f(begin, end).
template <typename F>
void forEachBucket(RowRange rows, int buckets, F&& f) {
  const std::int64_t n = rows.size();
  if (n <= 0 || buckets <= 0) return;
  const std::int64_t count = std::min<std::int64_t>(buckets, n);
  for (std::int64_t b = 0; b < count; ++b) {
    const std::int64_t begin = rows.first + n * b / count;
    const std::int64_t end = rows.first + n * (b + 1) / count;
    f(begin, end);
  }
}

RowRange clampRows(RowRange rows, std::size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  rows.first = std::clamp<std::int64_t>(rows.first, 0, n);
  rows.last = std::clamp<std::int64_t>(rows.last, rows.first, n);
  return rows;
}

}  // namespace

RowRange rowsBetween(std::span<const Timestamp> timestamps, Timestamp from, Timestamp to) {
  const auto begin = std::lower_bound(timestamps.begin(), timestamps.end(), from);
  const auto end = std::upper_bound(begin, timestamps.end(), to);
  return {begin - timestamps.begin(), end - timestamps.begin()};
}

std::int64_t nearestRow(std::span<const Timestamp> timestamps, Timestamp t) {
  if (timestamps.empty()) return -1;
  const auto it = std::lower_bound(timestamps.begin(), timestamps.end(), t);
  if (it == timestamps.end()) return static_cast<std::int64_t>(timestamps.size()) - 1;
  if (it == timestamps.begin()) return 0;
  const auto before = it - 1;
  return (t - *before <= *it - t) ? before - timestamps.begin() : it - timestamps.begin();
}

std::vector<Candle> aggregateCandles(std::span<const Timestamp> timestamps,
                                     std::span<const double> open, std::span<const double> high,
                                     std::span<const double> low, std::span<const double> close,
                                     RowRange rows, int buckets) {
  rows = clampRows(rows, timestamps.size());
  std::vector<Candle> candles;
  candles.reserve(static_cast<std::size_t>(std::min<std::int64_t>(buckets, rows.size())));
  forEachBucket(rows, buckets, [&](std::int64_t begin, std::int64_t end) {
    Candle c;
    c.time = timestamps[begin];
    c.open = std::numeric_limits<double>::quiet_NaN();
    c.close = c.open;
    c.high = -std::numeric_limits<double>::infinity();
    c.low = std::numeric_limits<double>::infinity();
    for (std::int64_t r = begin; r < end; ++r) {
      if (std::isnan(c.open) && !std::isnan(open[r])) c.open = open[r];
      if (!std::isnan(close[r])) c.close = close[r];
      if (high[r] > c.high) c.high = high[r];  // NaN compares false: skipped
      if (low[r] < c.low) c.low = low[r];
    }
    if (std::isfinite(c.open) && std::isfinite(c.close) && std::isfinite(c.high) &&
        std::isfinite(c.low))
      candles.push_back(c);
  });
  return candles;
}

std::vector<Point> minMaxDecimate(std::span<const Timestamp> timestamps,
                                  std::span<const double> values, RowRange rows, int buckets) {
  rows = clampRows(rows, std::min(timestamps.size(), values.size()));
  std::vector<Point> points;
  if (rows.size() <= 2LL * buckets) {
    points.reserve(static_cast<std::size_t>(rows.size()));
    for (std::int64_t r = rows.first; r < rows.last; ++r)
      if (std::isfinite(values[r])) points.push_back({timestamps[r], values[r]});
    return points;
  }
  points.reserve(2 * static_cast<std::size_t>(buckets));
  forEachBucket(rows, buckets, [&](std::int64_t begin, std::int64_t end) {
    std::int64_t lowest = -1, highest = -1;
    for (std::int64_t r = begin; r < end; ++r) {
      const double v = values[r];
      if (!std::isfinite(v)) continue;
      if (lowest < 0 || v < values[lowest]) lowest = r;
      if (highest < 0 || v > values[highest]) highest = r;
    }
    if (lowest < 0) return;
    const std::int64_t a = std::min(lowest, highest), b = std::max(lowest, highest);
    points.push_back({timestamps[a], values[a]});
    if (b != a) points.push_back({timestamps[b], values[b]});
  });
  return points;
}

SignalRows signalRows(std::span<const double> signal, RowRange rows, int buckets) {
  rows = clampRows(rows, signal.size());
  SignalRows out;
  forEachBucket(rows, buckets, [&](std::int64_t begin, std::int64_t end) {
    bool up = false, down = false;
    for (std::int64_t r = begin; r < end && !(up && down); ++r) {
      if (signal[r] > 0 && !up) {
        out.up.push_back(r);
        up = true;
      } else if (signal[r] < 0 && !down) {
        out.down.push_back(r);
        down = true;
      }
    }
  });
  return out;
}

}  // namespace strata::ui
