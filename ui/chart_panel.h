#pragma once
// The chart view of a run, built from the run's raw outputs and their plugins' display hints
// (chart_series.h): candlesticks with the price overlays (bands, lines) and signal markers
// (up / down triangles), the volume pane, and a pane per own-pane output or group of outputs
// (with its fixed range and guide lines when the hint has them). A picker beside the chart lists
// every column of the run under the step that made it; ticking one plots it where its hint says.
// All panes share one time viewport: zoom (wheel) and pan (drag) in any pane move every pane;
// double-click resets. Each update decimates the visible rows to the plot's pixel width
// (chart_decimation.h): OHLC aggregation for candles, min/max per pixel for the rest. Hover
// shows the bar's values.
#include "chart_data.h"
#include "chart_decimation.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <vector>

class QCandlestickSeries;
class QComboBox;
class QLabel;
class QLineEdit;
class QScatterSeries;
class QSplitter;
class QTreeWidget;
class QTreeWidgetItem;
class QValueAxis;

namespace strata::ui {

class ChartPane;

class ChartPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChartPanel(QWidget* parent = nullptr);
  ~ChartPanel() override;

  /// One chart per timeframe (null entries are skipped); shows the first.
  void setCharts(const std::vector<std::shared_ptr<const ChartData>>& charts);
  void clear(const QString& message);
  /// Shows the timeframe named `name` ("1d"); false when there is no chart for it.
  bool showTimeframe(const QString& name);
  QString currentTimeframe() const;
  std::shared_ptr<const ChartData> current() const { return current_; }

  /// The visible time range in UTC microseconds; clamped to the data.
  void setVisibleRange(Timestamp from, Timestamp to);
  std::pair<Timestamp, Timestamp> visibleRange() const { return {from_, to_}; }
  void resetRange();
  /// Simulates a hover at `t` (what the mouse does); returns the text shown.
  QString hoverAt(Timestamp t);

  QComboBox* timeframeBox() const { return timeframeBox_; }
  /// The picker: one checkable item per column of the run, under the step that made it.
  QTreeWidget* picker() const { return picker_; }
  QLineEdit* pickerFilter() const { return pickerFilter_; }
  /// The columns plotted, in column order.
  QStringList pickedColumns() const;
  ChartPane* pricePane() const;
  /// Every pane from the top, the price pane first.
  std::vector<ChartPane*> panes() const;
  /// The pane drawing `column`, or null when it is not plotted.
  ChartPane* paneOf(const QString& column) const;
  /// The columns a pane draws, in order.
  QStringList columnsOf(const ChartPane* pane) const;
  /// The guide lines drawn in a pane.
  QList<double> guidesOf(const ChartPane* pane) const;
  QValueAxis* yAxisOf(const ChartPane* pane) const;

  /// Points handed to Qt Charts by the last update, over every series (for tests).
  qint64 pointsShown() const { return pointsShown_; }
  /// Candles drawn by the last update and the plot width they were aggregated for.
  int candlesShown() const { return candlesShown_; }
  int plotWidth() const { return decimatedWidth_; }
  /// Wall time of the last update in microseconds (decimation + series replacement).
  qint64 lastUpdateMicros() const { return lastUpdateMicros_; }

 signals:
  void updated();

 private:
  struct Plot;
  struct Pane;
  void build();
  QWidget* buildPicker();
  void fillPicker();
  void filterPicker(const QString& text);
  bool isPicked(const ChartSeries& series) const;
  void rebuildPanes();
  Pane* addPane(const QString& key);
  void addPlots(Pane& pane, const std::vector<const ChartSeries*>& members);
  void refresh();
  void zoom(double centerMs, double factor);
  void pan(double deltaMs);
  void updateCandles(RowRange rows, int width);
  void updateSignals(RowRange rows, int width);
  void updatePane(Pane& pane, RowRange rows, int width);
  const Pane* paneStruct(const ChartPane* view) const;

  std::vector<std::shared_ptr<const ChartData>> charts_;
  std::shared_ptr<const ChartData> current_;
  SharedChartSeries laidOut_;  // the series the panes were built for
  Timestamp from_ = 0, to_ = 0;
  qint64 pointsShown_ = 0;
  qint64 lastUpdateMicros_ = 0;
  int decimatedWidth_ = 0;  // plot width the shown series were decimated for
  int candlesShown_ = 0;

  QComboBox* timeframeBox_ = nullptr;
  QLabel* hoverLabel_ = nullptr;
  QLabel* messageLabel_ = nullptr;
  QWidget* chartArea_ = nullptr;
  QSplitter* paneSplitter_ = nullptr;
  QTreeWidget* picker_ = nullptr;
  QLineEdit* pickerFilter_ = nullptr;
  QHash<QString, bool> choices_;  // the user's ticks by column name, kept across runs
  std::vector<std::unique_ptr<Pane>> panes_;  // [0]: price
  QCandlestickSeries* candles_ = nullptr;
  QScatterSeries* signalUp_ = nullptr;
  QScatterSeries* signalDown_ = nullptr;
  QStringList signals_;  // signal columns plotted
};

}  // namespace strata::ui
