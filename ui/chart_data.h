#pragma once
// What the charts draw for one timeframe: the bars and the RAW indicator values.
//
// Why not the run's FeatureSet: its columns are normalised (min-max by default), and a price
// chart needs Bollinger bands in price units and RSI on 0..100. Running the whole pipeline again
// with normalize=false would compute hundreds of transformation columns the chart never shows,
// so the chart runs Pipeline::computeRaw on a pipeline of the config's own indicator,
// microstructure and crossover steps only (same parameters, same plugins) over the same bars.
// Pure: no widgets.
#include "chart_decimation.h"
#include "strata/bars.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <span>

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

struct ChartData {
  Timeframe timeframe = Timeframe::fromSeconds(86400);
  Bars bars;
  FeatureSet raw;                 // indicator, microstructure and crossover columns, raw
  QStringList crossoverColumns;   // columns of `raw` holding 1 / -1 crossover signals
  QString note;                   // why something is missing (e.g. crossovers left out)
  /// Block extremes of every raw column and of high and low, for fast decimation.
  QHash<QString, BlockExtremes> extremes;

  /// The raw column, or an empty span when the pipeline does not produce it.
  std::span<const double> column(const QString& name) const;
  std::span<const double> barColumn(const QString& name) const;  // open high low close volume
  const BlockExtremes* blocks(const QString& name) const;  // null when not indexed
};

/// The config reduced to the steps the chart shows: enabled indicators and microstructure, the
/// crossover transforms; no target, no normalisation.
PipelineConfig chartConfig(const PipelineConfig& config);

/// Computes the chart's raw columns over `bars`. Throws PipelineError (PipelineCancelled).
/// When the crossover steps cannot be built on their own (a pair names a transformed column),
/// they are left out and `note` says so.
std::shared_ptr<const ChartData> computeChartData(Bars bars, const Timeframe& timeframe,
                                                  const PipelineConfig& config,
                                                  const PluginRegistry& registry,
                                                  const std::atomic_bool* cancel = nullptr);

}  // namespace strata::ui
