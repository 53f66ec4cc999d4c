#include "strata/resampler.h"

#include <cmath>
#include <limits>

namespace strata {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

Bars resample(const Bars& bars, const Timeframe& to) {
  Bars out;
  const Eigen::Index n = bars.size();
  // Count buckets first so every column is allocated once.
  Eigen::Index buckets = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    if (i == 0 || to.bucketStart(bars.timestamps[i]) != to.bucketStart(bars.timestamps[i - 1]))
      ++buckets;
  out.resize(buckets);
  Eigen::Index b = -1;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Timestamp start = to.bucketStart(bars.timestamps[i]);
    if (b < 0 || out.timestamps[b] != start) {
      ++b;
      out.timestamps[b] = start;
      out.open[b] = out.high[b] = out.low[b] = out.close[b] = kNaN;
      out.volume[b] = 0.0;
    }
    if (std::isnan(out.open[b])) out.open[b] = bars.open[i];
    if (!std::isnan(bars.high[i]) && !(bars.high[i] <= out.high[b])) out.high[b] = bars.high[i];
    if (!std::isnan(bars.low[i]) && !(bars.low[i] >= out.low[b])) out.low[b] = bars.low[i];
    if (!std::isnan(bars.close[i])) out.close[b] = bars.close[i];
    if (!std::isnan(bars.volume[i])) out.volume[b] += bars.volume[i];
  }
  return out;
}

std::optional<Timeframe> detectTimeframe(const Bars& bars) {
  Timestamp best = std::numeric_limits<Timestamp>::max();
  for (std::size_t i = 1; i < bars.timestamps.size(); ++i) {
    const Timestamp step = bars.timestamps[i] - bars.timestamps[i - 1];
    if (step > 0 && step < best) best = step;
  }
  if (best == std::numeric_limits<Timestamp>::max()) return std::nullopt;
  return Timeframe::fromSeconds(best / 1'000'000);
}

}  // namespace strata
