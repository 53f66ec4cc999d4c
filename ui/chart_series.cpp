#include "chart_series.h"

#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QHash>

namespace strata::ui {
namespace {

const QString kBarsSource = QStringLiteral("bars");

QString sourceLabel(const ResolvedStep& step, int index) {
  return QStringLiteral("%1. %2%3 (%4)")
      .arg(index + 1)
      .arg(step.config.plugin, step.config.suffix, step.plugin->info.name);
}

// The column written as the lower edge of `origin`'s band: the same task's output of metadata
// output `lower`; empty when the plugin did not write one.
QString lowerColumn(const std::vector<ColumnOrigin>& origins, const ColumnOrigin& origin,
                    const PluginInfo& info, const QString& lower) {
  int spec = -1;
  for (std::size_t k = 0; k < info.outputs.size(); ++k)
    if (info.outputs[k].name == lower) spec = static_cast<int>(k);
  for (const ColumnOrigin& o : origins)
    if (o.step == origin.step && o.task == origin.task && o.outputSpec == spec) return o.column;
  return {};
}

}  // namespace

std::vector<ChartSeries> barSeries() {
  std::vector<ChartSeries> bars;
  for (const QString& column : kBarColumns) {
    ChartSeries s;
    s.column = column;
    s.source = kBarsSource;
    const bool volume = column == QLatin1String("volume");
    s.pane = volume ? kVolumePane : kPricePane;
    s.style = volume ? DisplayStyle::Histogram : DisplayStyle::Line;
    s.selected = volume;  // the candles already show open, high, low and close
    if (volume) s.color = QStringLiteral("#90a4ae");
    bars.push_back(std::move(s));
  }
  return bars;
}

std::vector<ChartSeries> chartSeries(const Pipeline& pipeline) {
  std::vector<ChartSeries> all = barSeries();
  QHash<QString, std::size_t> index;
  for (std::size_t i = 0; i < all.size(); ++i) index.insert(all[i].column, i);
  const std::vector<ColumnOrigin> origins = pipeline.columnOrigins();
  for (const ColumnOrigin& origin : origins) {
    const ResolvedStep& step = pipeline.steps()[static_cast<std::size_t>(origin.step)];
    const PluginInfo& info = step.plugin->info;
    const DisplayHint hint =
        origin.outputSpec >= 0 && origin.outputSpec < static_cast<int>(info.outputs.size())
            ? info.outputs[static_cast<std::size_t>(origin.outputSpec)].displayFor(origin.placeholders)
            : DisplayHint{};
    ChartSeries s;
    s.column = origin.column;
    s.source = sourceLabel(step, origin.step);
    s.style = hint.style;
    s.signal = hint.signal;
    s.range = hint.range;
    s.guides = hint.guides;
    s.color = hint.color;
    s.selected = hint.selected.value_or(info.kind != u"transform");
    const QString ownPane = hint.group.isEmpty()
                                ? QStringLiteral("column/%1").arg(origin.column)
                                : QStringLiteral("step%1/%2").arg(origin.step).arg(hint.group);
    if (hint.signal) {
      s.pane = kPricePane;
      s.style = DisplayStyle::Markers;
    } else if (hint.pane == DisplayPane::Price) {
      s.pane = kPricePane;
    } else if (hint.pane == DisplayPane::Input && !origin.inputs.isEmpty() &&
               index.contains(origin.inputs.front()) && !all[index.value(origin.inputs.front())].signal) {
      const ChartSeries& input = all[index.value(origin.inputs.front())];
      s.pane = input.pane;
      if (!s.range) s.range = input.range;
      if (s.guides.isEmpty()) s.guides = input.guides;
    } else {
      s.pane = ownPane;
    }
    if (s.style == DisplayStyle::Band) {
      s.lower = lowerColumn(origins, origin, info, hint.lower);
      if (s.lower.isEmpty()) s.style = DisplayStyle::Line;
    }
    index.insert(s.column, all.size());
    all.push_back(std::move(s));
  }
  return all;
}

}  // namespace strata::ui
