#pragma once
// Shared by the engineer suites: an in-memory DataSource, exact comparison.
#include "strata/data_source.h"
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QString>

namespace strata::test {

/// Bars held in memory, for cases that rebuild the data many times (truncation). Same range
/// semantics as the CSV source: stored rows are selected, then aggregated.
class MemorySource : public DataSource {
 public:
  MemorySource(QString symbol, Bars bars);
  QString describe() const override { return QStringLiteral("memory"); }
  QStringList listSymbols() const override { return {symbol_}; }
  std::optional<SymbolInfo> symbolInfo(const QString& symbol) const override;
  Bars loadBars(const QString& symbol, const Timeframe& timeframe, const TimeRange& range,
                QStringList* warnings = nullptr) const override;

 private:
  QString symbol_;
  Bars bars_;
  std::optional<Timeframe> native_;
};

/// The default pipeline (docs/spec.md) over the real plugins (loaded into `registry`); nullopt
/// on failure.
std::optional<Pipeline> defaultPipeline(PluginRegistry& registry);

/// Same bits (NaN equal to NaN); otherwise a description of the first difference.
QString firstDifference(const FeatureSet& a, const FeatureSet& b);

}  // namespace strata::test
