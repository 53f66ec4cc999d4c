#include "chart_data.h"

#include "strata/plugin_registry.h"

#include <algorithm>

namespace strata::ui {
namespace {

const QString kCrossoverPlugin = QStringLiteral("crossover");

bool isCrossover(const StepConfig& step) {
  return step.stage == Stage::Transformations && step.plugin == kCrossoverPlugin;
}

QString joinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  QStringList lines;
  for (const Diagnostic& d : diagnostics) lines << d.toString();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

std::span<const double> ChartData::column(const QString& name) const {
  const qsizetype j = raw.columns.indexOf(name);
  if (j < 0) return {};
  return raw.matrix.column(j);
}

std::span<const double> ChartData::barColumn(const QString& name) const {
  const Eigen::VectorXd* field = name == QLatin1String("open")    ? &bars.open
                                 : name == QLatin1String("high")  ? &bars.high
                                 : name == QLatin1String("low")   ? &bars.low
                                 : name == QLatin1String("close") ? &bars.close
                                 : name == QLatin1String("volume") ? &bars.volume
                                                                   : nullptr;
  if (!field) return {};
  return {field->data(), static_cast<std::size_t>(field->size())};
}

const BlockExtremes* ChartData::blocks(const QString& name) const {
  const auto it = extremes.constFind(name);
  return it == extremes.constEnd() ? nullptr : &it.value();
}

PipelineConfig chartConfig(const PipelineConfig& config) {
  PipelineConfig reduced = config;
  reduced.steps.clear();
  for (const StepConfig& step : config.steps)
    if (step.enabled && (step.stage != Stage::Transformations || isCrossover(step)))
      reduced.steps.push_back(step);
  reduced.target.enabled = false;
  reduced.normalization.method = NormMethod::None;
  return reduced;
}

std::shared_ptr<const ChartData> computeChartData(Bars bars, const Timeframe& timeframe,
                                                  const PipelineConfig& config,
                                                  const PluginRegistry& registry,
                                                  const std::atomic_bool* cancel) {
  auto data = std::make_shared<ChartData>();
  data->timeframe = timeframe;
  PipelineConfig reduced = chartConfig(config);
  std::vector<Diagnostic> errors;
  std::optional<Pipeline> pipeline = Pipeline::build(reduced, registry, &errors);
  if (!pipeline) {
    const auto crossovers = std::erase_if(reduced.steps, isCrossover);
    errors.clear();
    if (crossovers > 0) pipeline = Pipeline::build(reduced, registry, &errors);
    if (!pipeline) throw PipelineError(joinDiagnostics(errors).toStdString());
    data->note = QStringLiteral("crossover markers left out: their pairs need columns the chart "
                                "does not compute");
  }
  RunOptions options;
  options.cancel = cancel;
  data->raw = pipeline->computeRaw(bars, options);
  for (const QString& name : data->raw.columns)
    if (name.endsWith(QLatin1String("_crossover"))) data->crossoverColumns << name;
  data->bars = std::move(bars);
  for (const QString& name : data->raw.columns) data->extremes.insert(name, blockExtremes(data->column(name)));
  for (const char* name : {"high", "low"})
    data->extremes.insert(QLatin1String(name), blockExtremes(data->barColumn(QLatin1String(name))));
  return data;
}

}  // namespace strata::ui
