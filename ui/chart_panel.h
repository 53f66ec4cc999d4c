#pragma once
// The chart view of a run: candlesticks with the Bollinger bands and crossover markers, and
// indicator panes below (RSI with 30/70 guides, MACD line/signal/histogram, ATR, OBV), all on
// one time viewport: zoom (wheel) and pan (drag) in any pane move every pane; double-click
// resets. Each update decimates the visible rows to the plot's pixel width (chart_decimation.h):
// OHLC aggregation for candles, min/max per pixel for lines. Hover shows the bar's values.
#include "chart_data.h"
#include "chart_decimation.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCandlestickSeries;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QAreaSeries;
class QValueAxis;

namespace strata::ui {

class ChartPane;

class ChartPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ChartPanel(QWidget* parent = nullptr);

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
  ChartPane* pricePane() const { return panes_.front(); }
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
  struct Pane;
  void build();
  void refresh();
  void zoom(double centerMs, double factor);
  void pan(double deltaMs);
  void updatePrice(const ChartData& data, RowRange rows, int width);
  void updateIndicators(const ChartData& data, RowRange rows, int width);

  std::vector<std::shared_ptr<const ChartData>> charts_;
  std::shared_ptr<const ChartData> current_;
  Timestamp from_ = 0, to_ = 0;
  qint64 pointsShown_ = 0;
  qint64 lastUpdateMicros_ = 0;
  int decimatedWidth_ = 0;
  int candlesShown_ = 0;  // plot width the shown series were decimated for

  QComboBox* timeframeBox_ = nullptr;
  QLabel* hoverLabel_ = nullptr;
  QLabel* messageLabel_ = nullptr;
  QLabel* priceLegend_ = nullptr;
  std::vector<ChartPane*> panes_;       // price, rsi, macd, atr, obv
  std::vector<QWidget*> paneBoxes_;     // pane + its caption, hidden when the column is absent
  std::vector<QDateTimeAxis*> xAxes_;
  std::vector<QValueAxis*> yAxes_;
  QCandlestickSeries* candles_ = nullptr;
  QLineSeries* bbUpper_ = nullptr;
  QLineSeries* bbMiddle_ = nullptr;
  QLineSeries* bbLower_ = nullptr;
  QScatterSeries* crossUp_ = nullptr;
  QScatterSeries* crossDown_ = nullptr;
  QLineSeries* rsi_ = nullptr;
  QLineSeries* rsiLow_ = nullptr;
  QLineSeries* rsiHigh_ = nullptr;
  QLineSeries* macd_ = nullptr;
  QLineSeries* macdSignal_ = nullptr;
  QLineSeries* macdHistUpper_ = nullptr;
  QLineSeries* macdHistLower_ = nullptr;
  QAreaSeries* macdHist_ = nullptr;
  QLineSeries* atr_ = nullptr;
  QLineSeries* obv_ = nullptr;
};

}  // namespace strata::ui
