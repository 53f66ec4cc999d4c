#pragma once
// Reduces a visible slice of a long series to what a chart of a given pixel width can show, so
// Qt Charts never receives more than a few points per pixel column (a year of 1m bars is half a
// million rows). Pure functions over spans: no widgets, unit-tested.
#include "strata/bars.h"

#include <cstdint>
#include <span>
#include <vector>

namespace strata::ui {

/// Half-open row range [first, last).
struct RowRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
  std::int64_t size() const { return last - first; }
};

/// Rows whose timestamp lies in [from, to] (timestamps sorted ascending).
RowRange rowsBetween(std::span<const Timestamp> timestamps, Timestamp from, Timestamp to);

/// Index of the row whose timestamp is nearest `t`, or -1 when there are no rows.
std::int64_t nearestRow(std::span<const Timestamp> timestamps, Timestamp t);

/// Per block of kRows consecutive rows, the row of the lowest and of the highest finite value
/// (-1 when the block has none). Built once per column, off the GUI thread, so decimating a
/// zoomed-out view reads one entry per block instead of every row.
struct BlockExtremes {
  static constexpr std::int64_t kRows = 64;
  std::vector<std::int64_t> lowest, highest;
  bool empty() const { return lowest.empty(); }
};
BlockExtremes blockExtremes(std::span<const double> values);

struct Candle {
  Timestamp time = 0;  // the first bar of the bucket
  double open = 0, high = 0, low = 0, close = 0;
};

/// OHLC aggregation of `rows` into at most `buckets` candles of consecutive rows: open of the
/// first bar, highest high, lowest low, close of the last bar (NaN fields skipped; a bucket with
/// no complete price is dropped). With no more rows than buckets every bar is its own candle.
/// `highBlocks` / `lowBlocks` (optional) are blockExtremes of `high` and `low`: same result, faster.
std::vector<Candle> aggregateCandles(std::span<const Timestamp> timestamps,
                                     std::span<const double> open, std::span<const double> high,
                                     std::span<const double> low, std::span<const double> close,
                                     RowRange rows, int buckets,
                                     const BlockExtremes* highBlocks = nullptr,
                                     const BlockExtremes* lowBlocks = nullptr);

struct Point {
  Timestamp time = 0;
  double value = 0;
};

/// Min/max decimation of a line: per bucket of consecutive rows, the lowest and the highest
/// finite point in their time order, so spikes survive. NaN and inf rows are skipped. With no
/// more than 2 * buckets rows every finite point is kept. At most 2 * buckets points.
/// `blocks` (optional) is blockExtremes(values): same result, faster.
std::vector<Point> minMaxDecimate(std::span<const Timestamp> timestamps,
                                  std::span<const double> values, RowRange rows, int buckets,
                                  const BlockExtremes* blocks = nullptr);

/// Rows where `signal` is > 0 (`up`) or < 0 (down), at most one of each sign per bucket (the
/// first), so a dense signal column still gives a readable set of markers.
struct SignalRows {
  std::vector<std::int64_t> up, down;
};
SignalRows signalRows(std::span<const double> signal, RowRange rows, int buckets);

}  // namespace strata::ui
