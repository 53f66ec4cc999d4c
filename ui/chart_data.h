#pragma once
// What the charts draw for one timeframe: the run's own raw values (FeatureEngineer with
// GenerateOptions::keepRaw: the same computation as the normalised features, or the cache's copy
// of it), whose columns open..volume and timestamps are the very bars the run computed from, and
// how each column draws (chart_series.h). No second pipeline and no reload of the bars.
// Pure: no widgets.
#include "chart_decimation.h"
#include "chart_series.h"
#include "strata/feature_store.h"
#include "strata/timeframe.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <span>
#include <vector>

namespace strata {
struct TimeframeResult;
}

namespace strata::ui {

using SharedChartSeries = std::shared_ptr<const std::vector<ChartSeries>>;

class ChartData {
 public:
  /// `raw` must be float64 (raw sets are); `series` lists its columns.
  ChartData(Timeframe timeframe, SharedFeatureSet raw, SharedChartSeries series);

  const Timeframe& timeframe() const { return timeframe_; }
  const SharedFeatureSet& raw() const { return raw_; }
  const std::vector<ChartSeries>& series() const { return *series_; }
  const SharedChartSeries& sharedSeries() const { return series_; }
  std::span<const Timestamp> times() const { return raw_->timestamps; }
  std::int64_t rows() const { return static_cast<std::int64_t>(raw_->timestamps.size()); }

  /// The raw column (bars included), or an empty span when the run has none of that name.
  std::span<const double> column(const QString& name) const;
  /// How `column` draws, or null.
  const ChartSeries* seriesOf(const QString& column) const;
  /// Block extremes of a column for fast decimation: built by index() (off the GUI thread) or
  /// on first use. Not thread-safe: once handed to the GUI, only the GUI thread reads it.
  const BlockExtremes* blocks(const QString& name) const;
  void index(const QStringList& columns) const;

 private:
  Timeframe timeframe_;
  SharedFeatureSet raw_;
  SharedChartSeries series_;
  QHash<QString, int> columnIndex_;
  QHash<QString, int> seriesIndex_;
  mutable QHash<QString, BlockExtremes> extremes_;
};

/// The chart of one finished timeframe of a run made with keepRaw (null when it has no raw
/// values); the block extremes of high, low and the columns plotted by default are built here.
std::shared_ptr<const ChartData> chartOf(const TimeframeResult& result, SharedChartSeries series);

/// A chart of the bars alone (GenerateOptions::barsReady: the run's bars before its features),
/// copied: the bars are the run's to keep.
std::shared_ptr<const ChartData> chartOfBars(const Timeframe& timeframe, const Bars& bars);

}  // namespace strata::ui
