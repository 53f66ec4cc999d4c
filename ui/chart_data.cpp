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

namespace {

std::shared_ptr<const ChartData> indexed(std::shared_ptr<ChartData> chart) {
  QStringList shown{QStringLiteral("high"), QStringLiteral("low")};
  for (const ChartSeries& s : chart->series())
    if (s.selected) shown << s.column;
  chart->index(shown);
  return chart;
}

}  // namespace

std::shared_ptr<const ChartData> chartOf(const TimeframeResult& result, SharedChartSeries series) {
  if (!result.raw || result.raw->matrix.precision() != Precision::Float64) return nullptr;
  return indexed(std::make_shared<ChartData>(result.timeframe, result.raw, std::move(series)));
}

std::shared_ptr<const ChartData> chartOfBars(const Timeframe& timeframe, const Bars& bars) {
  auto set = std::make_shared<FeatureSet>();
  set->timestamps = bars.timestamps;
  set->columns = kBarColumns;
  set->matrix = ColumnMatrix(bars.size(), kBarColumns.size());
  const Eigen::VectorXd* fields[] = {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
  for (Eigen::Index j = 0; j < kBarColumns.size(); ++j)
    std::copy(fields[j]->begin(), fields[j]->end(), set->matrix.column(j).begin());
  return indexed(std::make_shared<ChartData>(timeframe, std::move(set),
                                             std::make_shared<const std::vector<ChartSeries>>(barSeries())));
}

}  // namespace strata::ui
