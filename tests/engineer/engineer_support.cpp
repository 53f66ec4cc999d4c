#include "engineer_support.h"

#include "../test_support.h"
#include "strata/resampler.h"

#include <QDebug>

#include <algorithm>
#include <cstring>

namespace strata::test {

MemorySource::MemorySource(QString symbol, Bars bars)
    : symbol_(std::move(symbol)), bars_(std::move(bars)), native_(detectTimeframe(bars_)) {}

std::optional<SymbolInfo> MemorySource::symbolInfo(const QString& symbol) const {
  if (symbol != symbol_ || bars_.size() == 0) return std::nullopt;
  return SymbolInfo{symbol_, bars_.timestamps.front(), bars_.timestamps.back(), bars_.size(), native_};
}

Bars MemorySource::loadBars(const QString& symbol, const Timeframe& timeframe, const TimeRange& range,
                            QStringList*) const {
  if (symbol != symbol_) throw DataError("memory: no such symbol");
  if (native_ && timeframe < *native_) throw DataError("memory: finer than stored");
  const auto& ts = bars_.timestamps;
  const auto begin = range.from ? std::lower_bound(ts.begin(), ts.end(), *range.from) - ts.begin() : 0;
  const auto end = range.to ? std::lower_bound(ts.begin(), ts.end(), *range.to) - ts.begin()
                            : static_cast<std::ptrdiff_t>(ts.size());
  Bars rows = bars_.slice(begin, end);
  return native_ && timeframe == *native_ ? rows : resample(rows, timeframe);
}

std::optional<Pipeline> defaultPipeline(PluginRegistry& registry) {
  loadRealPlugins(registry);
  std::vector<Diagnostic> errors;
  std::optional<Pipeline> pipeline = Pipeline::build(PipelineConfig::defaults(), registry, &errors);
  for (const Diagnostic& e : errors) qWarning() << e.toString();
  return pipeline;
}

QString firstDifference(const FeatureSet& a, const FeatureSet& b) {
  if (a.columns != b.columns) return QStringLiteral("columns differ");
  if (a.timestamps != b.timestamps) return QStringLiteral("timestamps differ");
  if (a.matrix.rows() != b.matrix.rows() || a.matrix.cols() != b.matrix.cols())
    return QStringLiteral("shapes differ");
  if (a.target.size() != b.target.size() ||
      std::memcmp(a.target.data(), b.target.data(), static_cast<std::size_t>(a.target.size()) * sizeof(double)) != 0)
    return QStringLiteral("targets differ");
  for (Eigen::Index c = 0; c < a.matrix.cols(); ++c) {
    const auto x = a.matrix.column(c), y = b.matrix.column(c);
    for (std::size_t r = 0; r < x.size(); ++r)
      if (std::memcmp(&x[r], &y[r], sizeof(double)) != 0)
        return QStringLiteral("column %1 row %2: %3 vs %4").arg(a.columns[c]).arg(r).arg(x[r]).arg(y[r]);
  }
  return {};
}

}  // namespace strata::test
