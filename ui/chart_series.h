#pragma once
// How the chart draws each column of a run, resolved from the pipeline and the display hint of
// each output in its plugin's metadata (docs/plugins.md, "Display hints"): the pane, the style,
// the pane's fixed range and guide lines, a band's lower edge, signals, and which columns are
// plotted before the user picks. Knows the bar columns and nothing about any plugin.
// Pure: no widgets.
#include "strata/plugin_info.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace strata {
class Pipeline;
}

namespace strata::ui {

inline const QString kPricePane = QStringLiteral("price");
inline const QString kVolumePane = QStringLiteral("volume");

struct ChartSeries {
  QString column;
  QString source;  // what made it, for the picker: "bars", or the step ("2. name_2 (Plugin name)")
  QString pane;    // kPricePane, kVolumePane, or the key of the own pane it may share
  DisplayStyle style = DisplayStyle::Line;
  QString lower;   // band: the column that is its lower edge
  bool signal = false;  // marks the price chart where it is > 0 (up) and < 0 (down)
  std::optional<std::pair<double, double>> range;  // the pane's fixed y range
  QList<double> guides;                            // the pane's guide lines
  QString color;         // "#rrggbb"; empty: the chart's palette
  bool selected = false;  // plotted before the user picks
};

/// The bar columns alone: a chart of the bars before any feature exists.
std::vector<ChartSeries> barSeries();

/// One entry per column of the pipeline's feature sets, bars first, in column order.
/// Defaults: an output without a hint draws as a line in its own pane; outputs of indicator and
/// microstructure steps are selected, transforms' are not (a hint's "selected" decides over
/// both); "pane: input" draws where the task's first input draws, with its range and guides,
/// or in its own pane when that input is a signal.
std::vector<ChartSeries> chartSeries(const Pipeline& pipeline);

}  // namespace strata::ui
