#include "chart_panel.h"

#include "chart_pane.h"
#include "strata/time_format.h"

#include <QAreaSeries>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTimeZone>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace strata::ui {
namespace {

constexpr int kCandlePixels = 4;  // narrower candles are unreadable: aggregate instead

/// One min/max pair per 2 pixels: a point per pixel column, half what Qt Charts must stroke.
int lineBuckets(int width) { return std::max(1, width / 2); }
constexpr double kMarkerSize = 11;

const QColor kUp(0x26, 0xa6, 0x9a), kDown(0xef, 0x53, 0x50), kBand(0x42, 0x85, 0xf4),
    kMiddle(0xff, 0x98, 0x00), kLine(0x3f, 0x51, 0xb5), kGuide(0x9e, 0x9e, 0x9e);

double ms(Timestamp t) { return static_cast<double>(t) / 1000.0; }
Timestamp micros(double milliseconds) { return static_cast<Timestamp>(milliseconds * 1000.0); }

QImage triangle(bool up, const QColor& color) {
  const int side = static_cast<int>(kMarkerSize);
  QImage image(side, side, QImage::Format_ARGB32);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  QPainterPath path;
  const double s = kMarkerSize;
  if (up) {
    path.moveTo(s / 2, 0);
    path.lineTo(s, s);
    path.lineTo(0, s);
  } else {
    path.moveTo(0, 0);
    path.lineTo(s, 0);
    path.lineTo(s / 2, s);
  }
  path.closeSubpath();
  painter.fillPath(path, color);
  return image;
}

QScatterSeries* markerSeries(bool up, const QColor& color) {
  auto* series = new QScatterSeries;
  series->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
  series->setMarkerSize(kMarkerSize);
  series->setBrush(triangle(up, color));  // the image is the marker
  series->setPen(QColor(Qt::transparent));
  series->setName(up ? QObject::tr("crosses above") : QObject::tr("crosses below"));
  return series;
}

QLineSeries* lineSeries(const QColor& color, qreal width = 1.2, Qt::PenStyle style = Qt::SolidLine) {
  auto* series = new QLineSeries;
  QPen pen(color, width, style);
  series->setPen(pen);
  return series;
}

QList<QPointF> toPoints(const std::vector<Point>& points) {
  QList<QPointF> out;
  out.reserve(static_cast<qsizetype>(points.size()));
  for (const Point& p : points) out.append(QPointF(ms(p.time), p.value));
  return out;
}

void niceTicks(QValueAxis* axis, double low, double high);

struct Bounds {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (!std::isfinite(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  void add(const QList<QPointF>& points) {
    for (const QPointF& p : points) add(p.y());
  }
  void apply(QValueAxis* axis) const {
    if (!(low <= high)) {
      axis->setRange(0, 1);
      return;
    }
    const double pad = high > low ? (high - low) * 0.05 : std::max(std::abs(high) * 0.05, 1.0);
    axis->setRange(low - pad, high + pad);
    niceTicks(axis, low - pad, high + pad);
  }
};

/// Ticks at round numbers inside the range (1, 2 or 5 times a power of ten, about three per
/// pane), so no label sits on the plot's edge where Qt Charts would hide it.
void niceTicks(QValueAxis* axis, double low, double high) {
  const double raw = (high - low) / 3;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  const int decimals = std::clamp(-static_cast<int>(std::floor(std::log10(step))), 0, 6);
  const double largest = std::max(std::abs(low), std::abs(high));
  axis->setLabelFormat(largest >= 1e6 ? QStringLiteral("%.3g") : QStringLiteral("%.%1f").arg(decimals));
}

QString dateFormat(Timestamp span) {
  constexpr Timestamp day = 86'400'000'000;
  if (span > 3 * 365 * day) return QStringLiteral("yyyy-MM");
  if (span > 3 * day) return QStringLiteral("yyyy-MM-dd");
  return QStringLiteral("MM-dd hh:mm");
}

QString number(double v) {
  if (!std::isfinite(v)) return QStringLiteral("–");
  return std::abs(v) >= 1e6 ? QString::number(v, 'g', 6) : QString::number(v, 'f', 2);
}

}  // namespace

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent) { build(); }

void ChartPanel::build() {
  timeframeBox_ = new QComboBox(this);
  timeframeBox_->setObjectName(QStringLiteral("chartTimeframe"));
  timeframeBox_->setToolTip(tr("Timeframe shown"));
  auto* reset = new QPushButton(tr("Reset zoom"), this);
  reset->setObjectName(QStringLiteral("chartResetZoom"));
  hoverLabel_ = new QLabel(this);
  hoverLabel_->setObjectName(QStringLiteral("chartHover"));
  hoverLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Long texts must not widen the window: they are cut at the panel's edge (full text in the tooltip).
  hoverLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Timeframe"), this));
  top->addWidget(timeframeBox_);
  top->addWidget(reset);
  top->addSpacing(12);
  top->addWidget(hoverLabel_, 1);

  messageLabel_ = new QLabel(this);
  messageLabel_->setObjectName(QStringLiteral("chartMessage"));
  messageLabel_->setAlignment(Qt::AlignCenter);
  messageLabel_->setWordWrap(true);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->setChildrenCollapsible(false);
  const QStringList captions = {
      QString(), tr("RSI  <span style='color:gray'>30 / 70 guides</span>"),
      tr("MACD  <span style='color:#3f51b5'>macd</span> <span style='color:#ff9800'>signal</span> "
         "<span style='color:#9e9e9e'>histogram</span>"),
      tr("ATR"), tr("OBV")};
  for (int i = 0; i < captions.size(); ++i) {
    auto* box = new QWidget(splitter);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* caption = new QLabel(captions[i], box);
    caption->setContentsMargins(ChartPane::kLeftMargin, 0, 0, 0);
    caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    if (i == 0) priceLegend_ = caption;
    auto* pane = new ChartPane(box);
    layout->addWidget(caption);
    layout->addWidget(pane, 1);
    splitter->addWidget(box);
    splitter->setStretchFactor(i, i == 0 ? 3 : 1);
    panes_.push_back(pane);
    paneBoxes_.push_back(box);
    auto* x = new QDateTimeAxis;
    x->setTickCount(7);
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTickCount(i == 0 ? 6 : 3);
    pane->chart()->addAxis(x, Qt::AlignBottom);
    pane->chart()->addAxis(y, Qt::AlignLeft);
    if (i != 0) x->setLabelsVisible(i == captions.size() - 1);
    xAxes_.push_back(x);
    yAxes_.push_back(y);
    connect(pane, &ChartPane::zoomRequested, this, &ChartPanel::zoom);
    connect(pane, &ChartPane::panRequested, this, &ChartPanel::pan);
    connect(pane, &ChartPane::hovered, this, [this](double at) { hoverAt(micros(at)); });
    connect(pane, &ChartPane::resetRequested, this, &ChartPanel::resetRange);
    // A wider or narrower plot needs the data decimated again (once per burst of resizes).
    connect(pane, &ChartPane::resized, this, [this] {
      QMetaObject::invokeMethod(this, [this] {
        if (current_ && panes_.front()->plotWidth() != decimatedWidth_) refresh();
      }, Qt::QueuedConnection);
    });
  }

  auto attach = [this](int pane, QAbstractSeries* series) {
    panes_[static_cast<std::size_t>(pane)]->chart()->addSeries(series);
    series->attachAxis(xAxes_[static_cast<std::size_t>(pane)]);
    series->attachAxis(yAxes_[static_cast<std::size_t>(pane)]);
  };
  candles_ = new QCandlestickSeries;
  candles_->setIncreasingColor(kUp);
  candles_->setDecreasingColor(kDown);
  candles_->setBodyOutlineVisible(false);
  candles_->setBodyWidth(0.7);
  bbUpper_ = lineSeries(kBand, 1.0, Qt::DashLine);
  bbMiddle_ = lineSeries(kMiddle, 1.0);
  bbLower_ = lineSeries(kBand, 1.0, Qt::DashLine);
  crossUp_ = markerSeries(true, QColor(0x1b, 0x5e, 0x20));
  crossDown_ = markerSeries(false, QColor(0xb7, 0x1c, 0x1c));
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
           candles_, bbUpper_, bbMiddle_, bbLower_, crossUp_, crossDown_})
    attach(0, s);
  rsiLow_ = lineSeries(kGuide, 1.0, Qt::DotLine);
  rsiHigh_ = lineSeries(kGuide, 1.0, Qt::DotLine);
  rsi_ = lineSeries(QColor(0x7b, 0x1f, 0xa2));
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{rsiLow_, rsiHigh_, rsi_}) attach(1, s);
  macdHistUpper_ = new QLineSeries;
  macdHistLower_ = new QLineSeries;
  macdHist_ = new QAreaSeries(macdHistUpper_, macdHistLower_);
  macdHist_->setBrush(QColor(0x9e, 0x9e, 0x9e, 150));
  macdHist_->setPen(QPen(QColor(0x75, 0x75, 0x75), 0.5));
  macd_ = lineSeries(kLine);
  macdSignal_ = lineSeries(kMiddle);
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{macdHist_, macd_, macdSignal_})
    attach(2, s);
  atr_ = lineSeries(QColor(0x00, 0x79, 0x6b));
  attach(3, atr_);
  obv_ = lineSeries(QColor(0x5d, 0x40, 0x37));
  attach(4, obv_);
  yAxes_[1]->setRange(-5, 105);  // RSI: room for the 0 and 100 labels
  niceTicks(yAxes_[1], 0, 100);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(top);
  layout->addWidget(messageLabel_);
  layout->addWidget(splitter, 1);

  connect(timeframeBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index < 0) return;
    current_ = charts_[static_cast<std::size_t>(timeframeBox_->itemData(index).toInt())];
    resetRange();
  });
  connect(reset, &QPushButton::clicked, this, &ChartPanel::resetRange);
  clear(tr("Pick a symbol and press Run to chart it."));
}

void ChartPanel::clear(const QString& message) {
  charts_.clear();
  current_.reset();
  const QSignalBlocker blocker(timeframeBox_);
  timeframeBox_->clear();
  messageLabel_->setText(message);
  messageLabel_->show();
  for (QWidget* box : paneBoxes_) box->setVisible(false);
}

void ChartPanel::setCharts(const std::vector<std::shared_ptr<const ChartData>>& charts) {
  const QString previous = currentTimeframe();
  charts_ = charts;
  {
    const QSignalBlocker blocker(timeframeBox_);
    timeframeBox_->clear();
    for (std::size_t i = 0; i < charts_.size(); ++i)
      if (charts_[i]) timeframeBox_->addItem(charts_[i]->timeframe.name(), static_cast<int>(i));
  }
  if (timeframeBox_->count() == 0) {
    clear(tr("No chart: every timeframe failed (see Jobs)."));
    return;
  }
  messageLabel_->hide();
  const std::shared_ptr<const ChartData> shown = current_;
  const auto range = visibleRange();
  const int keep = timeframeBox_->findText(previous);
  timeframeBox_->setCurrentIndex(-1);
  timeframeBox_->setCurrentIndex(keep >= 0 ? keep : 0);  // emits: sets current_ and the range
  if (current_ && current_ == shown) setVisibleRange(range.first, range.second);  // same data: keep the zoom
}

bool ChartPanel::showTimeframe(const QString& name) {
  const int index = timeframeBox_->findText(name);
  if (index < 0) return false;
  timeframeBox_->setCurrentIndex(index);
  return true;
}

QString ChartPanel::currentTimeframe() const { return timeframeBox_->currentText(); }

void ChartPanel::resetRange() {
  if (!current_ || current_->bars.size() == 0) return;
  setVisibleRange(current_->bars.timestamps.front(), current_->bars.timestamps.back());
}

void ChartPanel::setVisibleRange(Timestamp from, Timestamp to) {
  if (!current_ || current_->bars.size() == 0) return;
  const Timestamp first = current_->bars.timestamps.front();
  const Timestamp last = current_->bars.timestamps.back();
  const Timestamp minimumSpan = current_->timeframe.durationMicros() * 10;  // ten bars at least
  Timestamp span = std::clamp<Timestamp>(to - from, std::min(minimumSpan, last - first), last - first);
  from = std::clamp<Timestamp>(from, first, last - span);
  from_ = from;
  to_ = from + span;
  refresh();
}

void ChartPanel::zoom(double centerMs, double factor) {
  const Timestamp center = micros(centerMs);
  const auto newFrom = center - static_cast<Timestamp>(static_cast<double>(center - from_) * factor);
  const auto newTo = center + static_cast<Timestamp>(static_cast<double>(to_ - center) * factor);
  setVisibleRange(newFrom, newTo);
}

void ChartPanel::pan(double deltaMs) {
  const Timestamp delta = micros(deltaMs);
  setVisibleRange(from_ + delta, to_ + delta);
}

void ChartPanel::refresh() {
  if (!current_) return;
  QElapsedTimer timer;
  timer.start();
  const ChartData& chart = *current_;
  const RowRange rows = rowsBetween(chart.bars.timestamps, from_, to_);
  const int width = panes_.front()->plotWidth();
  decimatedWidth_ = width;
  pointsShown_ = 0;
  for (QDateTimeAxis* x : xAxes_) {
    x->setRange(QDateTime::fromMSecsSinceEpoch(from_ / 1000, QTimeZone::utc()),
                QDateTime::fromMSecsSinceEpoch(to_ / 1000, QTimeZone::utc()));
    x->setFormat(dateFormat(to_ - from_));
  }
  updatePrice(chart, rows, width);
  updateIndicators(chart, rows, width);
  lastUpdateMicros_ = timer.nsecsElapsed() / 1000;
  emit updated();
}

void ChartPanel::updatePrice(const ChartData& chart, RowRange rows, int width) {
  const Bars& bars = chart.bars;
  const auto span = [](const Eigen::VectorXd& v) {
    return std::span<const double>(v.data(), static_cast<std::size_t>(v.size()));
  };
  const std::vector<Candle> candles = aggregateCandles(
      bars.timestamps, span(bars.open), span(bars.high), span(bars.low), span(bars.close), rows,
      std::max(1, width / kCandlePixels), chart.blocks(QStringLiteral("high")),
      chart.blocks(QStringLiteral("low")));
  QList<QCandlestickSet*> sets;
  sets.reserve(static_cast<qsizetype>(candles.size()));
  Bounds bounds;
  for (const Candle& c : candles) {
    sets.append(new QCandlestickSet(c.open, c.high, c.low, c.close, ms(c.time)));
    bounds.add(c.high);
    bounds.add(c.low);
  }
  candles_->clear();
  candles_->append(sets);
  pointsShown_ += sets.size();
  candlesShown_ = static_cast<int>(sets.size());

  QStringList legend{tr("<span style='color:#26a69a'>■</span> %1 candles (%2 bars)")
                         .arg(candles.size())
                         .arg(rows.size())};
  const std::pair<QLineSeries*, QString> bands[] = {
      {bbUpper_, QStringLiteral("bb_upper")}, {bbMiddle_, QStringLiteral("bb_middle")},
      {bbLower_, QStringLiteral("bb_lower")}};
  for (const auto& [series, name] : bands) {
    const QList<QPointF> points =
        toPoints(minMaxDecimate(bars.timestamps, chart.column(name), rows, lineBuckets(width), chart.blocks(name)));
    series->replace(points);
    pointsShown_ += points.size();
  }
  if (!chart.column(QStringLiteral("bb_middle")).empty())
    legend << tr("<span style='color:#ff9800'>—</span> Bollinger middle "
                 "<span style='color:#4285f4'>- -</span> bands");

  // Markers sit just outside the candle: below the low for up, above the high for down.
  const double offset = (bounds.high - bounds.low) * 0.03;
  QList<QPointF> up, down;
  const int markerBuckets = std::max(1, width / int(kMarkerSize));
  for (const QString& column : chart.crossoverColumns) {
    const SignalRows signal = signalRows(chart.column(column), rows, markerBuckets);
    for (const std::int64_t r : signal.up) up.append({ms(bars.timestamps[r]), bars.low[r] - offset});
    for (const std::int64_t r : signal.down)
      down.append({ms(bars.timestamps[r]), bars.high[r] + offset});
  }
  crossUp_->replace(up);
  crossDown_->replace(down);
  pointsShown_ += up.size() + down.size();
  for (const QPointF& p : up) bounds.add(p.y());
  for (const QPointF& p : down) bounds.add(p.y());
  if (!chart.crossoverColumns.isEmpty())
    legend << tr("<span style='color:#1b5e20'>▲</span><span style='color:#b71c1c'>▼</span> "
                 "crossovers: %1")
                  .arg(chart.crossoverColumns.join(QLatin1String(", ")));
  if (!chart.note.isEmpty()) legend << QStringLiteral("<i>%1</i>").arg(chart.note.toHtmlEscaped());
  priceLegend_->setText(legend.join(QLatin1String("&nbsp;&nbsp;")));
  bounds.apply(yAxes_[0]);
  paneBoxes_[0]->setVisible(true);
}

void ChartPanel::updateIndicators(const ChartData& chart, RowRange rows, int width) {
  const std::vector<Timestamp>& t = chart.bars.timestamps;
  auto line = [&](QLineSeries* series, const QString& column, Bounds* bounds) {
    const QList<QPointF> points =
        toPoints(minMaxDecimate(t, chart.column(column), rows, lineBuckets(width), chart.blocks(column)));
    series->replace(points);
    pointsShown_ += points.size();
    if (bounds) bounds->add(points);
    return !chart.column(column).empty();
  };
  const double first = ms(from_), last = ms(to_);
  rsiLow_->replace(QList<QPointF>{{first, 30}, {last, 30}});
  rsiHigh_->replace(QList<QPointF>{{first, 70}, {last, 70}});
  paneBoxes_[1]->setVisible(line(rsi_, QStringLiteral("rsi"), nullptr));

  Bounds macdBounds;
  const bool hasMacd = line(macd_, QStringLiteral("macd"), &macdBounds);
  line(macdSignal_, QStringLiteral("macd_signal"), &macdBounds);
  line(macdHistUpper_, QStringLiteral("macd_histogram"), &macdBounds);
  QList<QPointF> zero = macdHistUpper_->points();
  for (QPointF& p : zero) p.setY(0);
  macdHistLower_->replace(zero);
  macdBounds.add(0);
  macdBounds.apply(yAxes_[2]);
  paneBoxes_[2]->setVisible(hasMacd);

  Bounds atrBounds, obvBounds;
  paneBoxes_[3]->setVisible(line(atr_, QStringLiteral("atr"), &atrBounds));
  atrBounds.apply(yAxes_[3]);
  paneBoxes_[4]->setVisible(line(obv_, QStringLiteral("obv"), &obvBounds));
  obvBounds.apply(yAxes_[4]);
}

QString ChartPanel::hoverAt(Timestamp t) {
  if (!current_) return {};
  const ChartData& chart = *current_;
  const std::int64_t row = nearestRow(chart.bars.timestamps, t);
  if (row < 0) return {};
  QStringList parts{isoUtc(chart.bars.timestamps[row]),
                    QStringLiteral("O %1 H %2 L %3 C %4 V %5")
                        .arg(number(chart.bars.open[row]), number(chart.bars.high[row]),
                             number(chart.bars.low[row]), number(chart.bars.close[row]),
                             number(chart.bars.volume[row]))};
  for (const char* name : {"bb_upper", "bb_middle", "bb_lower", "rsi", "macd", "macd_signal",
                           "macd_histogram", "atr", "obv"}) {
    const std::span<const double> column = chart.column(QLatin1String(name));
    if (!column.empty()) parts << QStringLiteral("%1 %2").arg(QLatin1String(name), number(column[row]));
  }
  for (const QString& name : chart.crossoverColumns) {
    const double v = chart.column(name)[row];
    if (v != 0 && std::isfinite(v)) parts << QStringLiteral("%1 %2").arg(name, v > 0 ? "▲" : "▼");
  }
  const QString text = parts.join(QLatin1String("  "));
  hoverLabel_->setText(text);
  hoverLabel_->setToolTip(text);
  return text;
}

}  // namespace strata::ui
