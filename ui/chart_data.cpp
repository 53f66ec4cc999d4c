#include "chart_data.h"

#include "strata/feature_engineer.h"

namespace strata::ui {

ChartData::ChartData(Timeframe timeframe, SharedFeatureSet raw, SharedChartSeries series)
    : timeframe_(timeframe), raw_(std::move(raw)), series_(std::move(series)) {
  for (int j = 0; j < static_cast<int>(raw_->columns.size()); ++j) columnIndex_.insert(raw_->columns[j], j);
  for (int i = 0; i < static_cast<int>(series_->size()); ++i)
    seriesIndex_.insert((*series_)[static_cast<std::size_t>(i)].column, i);
}

std::span<const double> ChartData::column(const QString& name) const {
  const auto it = columnIndex_.constFind(name);
  if (it == columnIndex_.constEnd()) return {};
  return raw_->matrix.column(*it);
}

const ChartSeries* ChartData::seriesOf(const QString& column) const {
  const auto it = seriesIndex_.constFind(column);
  return it == seriesIndex_.constEnd() ? nullptr : &(*series_)[static_cast<std::size_t>(*it)];
}

const BlockExtremes* ChartData::blocks(const QString& name) const {
  auto it = extremes_.find(name);
  if (it == extremes_.end()) {
    const std::span<const double> values = column(name);
    if (values.empty()) return nullptr;
    it = extremes_.insert(name, blockExtremes(values));
  }
  return &it.value();
}

void ChartData::index(const QStringList& columns) const {
  for (const QString& name : columns) blocks(name);
}

std::shared_ptr<const ChartData> chartOf(const TimeframeResult& result, SharedChartSeries series) {
  if (!result.raw || result.raw->matrix.precision() != Precision::Float64) return nullptr;
  auto chart = std::make_shared<ChartData>(result.timeframe, result.raw, std::move(series));
  QStringList shown{QStringLiteral("high"), QStringLiteral("low")};
  for (const ChartSeries& s : chart->series())
    if (s.selected) shown << s.column;
  chart->index(shown);
  return chart;
}

}  // namespace strata::ui
