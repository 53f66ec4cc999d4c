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

/// Rows of the lowest and highest finite value in [begin, end) (-1 when none): rows one by one
/// up to a block boundary, whole blocks from `blocks`, then the remaining rows. Ties keep the
/// earliest row, as a plain scan would.
std::pair<std::int64_t, std::int64_t> extremesIn(std::span<const double> values, std::int64_t begin,
                                                 std::int64_t end, const BlockExtremes* blocks) {
  std::int64_t lowest = -1, highest = -1;
  auto offer = [&](std::int64_t low, std::int64_t high) {
    if (low >= 0 && (lowest < 0 || values[low] < values[lowest])) lowest = low;
    if (high >= 0 && (highest < 0 || values[high] > values[highest])) highest = high;
  };
  auto scan = [&](std::int64_t from, std::int64_t to) {
    for (std::int64_t r = from; r < to; ++r)
      if (std::isfinite(values[r])) offer(r, r);
  };
  constexpr std::int64_t k = BlockExtremes::kRows;
  if (!blocks || blocks->empty() || end - begin < 2 * k) {
    scan(begin, end);
    return {lowest, highest};
  }
  const std::int64_t firstBlock = (begin + k - 1) / k, lastBlock = end / k;  // whole blocks
  scan(begin, firstBlock * k);
  for (std::int64_t b = firstBlock; b < lastBlock; ++b)
    offer(blocks->lowest[static_cast<std::size_t>(b)], blocks->highest[static_cast<std::size_t>(b)]);
  scan(lastBlock * k, end);
  return {lowest, highest};
}

}  // namespace

BlockExtremes blockExtremes(std::span<const double> values) {
  BlockExtremes blocks;
  const auto n = static_cast<std::int64_t>(values.size());
  const std::int64_t count = (n + BlockExtremes::kRows - 1) / BlockExtremes::kRows;
  blocks.lowest.reserve(static_cast<std::size_t>(count));
  blocks.highest.reserve(static_cast<std::size_t>(count));
  for (std::int64_t b = 0; b < count; ++b) {
    const auto [low, high] = extremesIn(values, b * BlockExtremes::kRows,
                                        std::min(n, (b + 1) * BlockExtremes::kRows), nullptr);
    blocks.lowest.push_back(low);
    blocks.highest.push_back(high);
  }
  return blocks;
}

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
                                     RowRange rows, int buckets, const BlockExtremes* highBlocks,
                                     const BlockExtremes* lowBlocks) {
  rows = clampRows(rows, timestamps.size());
  std::vector<Candle> candles;
  candles.reserve(static_cast<std::size_t>(std::min<std::int64_t>(buckets, rows.size())));
  forEachBucket(rows, buckets, [&](std::int64_t begin, std::int64_t end) {
    Candle c;
    c.time = timestamps[begin];
    c.open = c.close = std::numeric_limits<double>::quiet_NaN();
    for (std::int64_t r = begin; r < end && std::isnan(c.open); ++r) c.open = open[r];
    for (std::int64_t r = end - 1; r >= begin && std::isnan(c.close); --r) c.close = close[r];
    const std::int64_t highest = extremesIn(high, begin, end, highBlocks).second;
    const std::int64_t lowest = extremesIn(low, begin, end, lowBlocks).first;
    if (highest < 0 || lowest < 0 || !std::isfinite(c.open) || !std::isfinite(c.close)) return;
    c.high = high[highest];
    c.low = low[lowest];
    candles.push_back(c);
  });
  return candles;
}

std::vector<Point> minMaxDecimate(std::span<const Timestamp> timestamps,
                                  std::span<const double> values, RowRange rows, int buckets,
                                  const BlockExtremes* blocks) {
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
    const auto [lowest, highest] = extremesIn(values, begin, end, blocks);
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
