#include "chart_panel.h"

#include "chart_pane.h"
#include "column_filter.h"
#include "strata/time_format.h"

#include <QAreaSeries>
#include <QCandlestickSeries>
#include <QCandlestickSet>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QScatterSeries>
#include <QSet>
#include <QSplitter>
#include <QTimeZone>
#include <QToolButton>
#include <QTreeWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::ui {
namespace {

constexpr int kCandlePixels = 4;  // narrower candles are unreadable: aggregate instead

/// One min/max pair per 2 pixels: a point per pixel column, half what Qt Charts must stroke.
int lineBuckets(int width) { return std::max(1, width / 2); }
constexpr double kMarkerSize = 11;

const QColor kUp(0x26, 0xa6, 0x9a), kDown(0xef, 0x53, 0x50), kGuide(0x9e, 0x9e, 0x9e);

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

void setAxisRange(QValueAxis* axis, double low, double high, double tickLow, double tickHigh, int ticks);

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
  void apply(QValueAxis* axis, int ticks) const {
    if (!(low <= high)) {
      axis->setRange(0, 1);
      return;
    }
    const double pad = high > low ? (high - low) * 0.05 : std::max(std::abs(high) * 0.05, 1.0);
    setAxisRange(axis, low - pad, high + pad, low - pad, high + pad, ticks);
  }
};

/// The axis shows [low, high] with ticks at round numbers inside [tickLow, tickHigh] (1, 2 or 5
/// times a power of ten, about `ticks` of them), so no label sits on the plot's edge where Qt
/// Charts would hide it. The ticks are fixed while the range changes: a pane's range may grow a
/// million-fold (another column) and the old interval would lay out a tick per step of it.
void setAxisRange(QValueAxis* axis, double low, double high, double tickLow, double tickHigh, int ticks) {
  axis->setTickType(QValueAxis::TicksFixed);
  axis->setRange(low, high);
  const double raw = (tickHigh - tickLow) / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  const int decimals = std::clamp(-static_cast<int>(std::floor(std::log10(step))), 0, 6);
  const double largest = std::max(std::abs(tickLow), std::abs(tickHigh));
  axis->setLabelFormat(largest >= 1e6 ? QStringLiteral("%.3g") : QStringLiteral("%.%1f").arg(decimals));
  axis->setTickType(QValueAxis::TicksDynamic);
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

const QColor& paletteColor(int i) {
  static const QColor palette[] = {{0x00, 0x89, 0x7b}, {0xd8, 0x1b, 0x60}, {0x3f, 0x51, 0xb5},
                                   {0xf5, 0x7c, 0x00}, {0x68, 0x9f, 0x38}, {0x8e, 0x24, 0xaa},
                                   {0x00, 0x97, 0xa7}, {0x6d, 0x4c, 0x41}, {0xe6, 0x4a, 0x19},
                                   {0x45, 0x5a, 0x64}};
  return palette[static_cast<std::size_t>(i) % std::size(palette)];
}

QColor translucent(QColor color, int alpha) {
  color.setAlpha(alpha);
  return color;
}

QString swatch(const QColor& color, const QString& text) {
  return QStringLiteral("<span style='color:%1'>%2</span>").arg(color.name(), text.toHtmlEscaped());
}

QString guideText(const QList<double>& guides) {
  QStringList parts;
  for (double g : guides) parts << QString::number(g);
  return parts.join(QLatin1String(" / "));
}

}  // namespace

// One column drawn in a pane (a band: two columns).
struct ChartPanel::Plot {
  QString column;
  QString lower;  // a band's lower edge
  DisplayStyle style = DisplayStyle::Line;
  QColor color;
  QLineSeries* line = nullptr;   // line; band upper edge; histogram values (boundary only)
  QLineSeries* edge = nullptr;   // band lower edge
  QLineSeries* upperBound = nullptr, *lowerBound = nullptr;  // the area's boundaries (not drawn)
  QAreaSeries* area = nullptr;   // band fill; histogram
  QScatterSeries* markers = nullptr;
};

struct ChartPanel::Pane {
  QString key;
  QWidget* box = nullptr;
  QLabel* caption = nullptr;
  ChartPane* view = nullptr;
  QDateTimeAxis* x = nullptr;
  QValueAxis* y = nullptr;
  QStringList columns;  // drawn here, in order
  std::vector<Plot> plots;
  std::optional<std::pair<double, double>> range;
  QList<double> guides;
  std::vector<QLineSeries*> guideLines;
  QString legend;  // the caption's list of what is drawn
  int ticks = 3;   // y ticks to aim for
};

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent) { build(); }
ChartPanel::~ChartPanel() = default;

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

  auto* area = new QSplitter(Qt::Horizontal, this);
  area->setChildrenCollapsible(false);
  chartArea_ = area;
  paneSplitter_ = new QSplitter(Qt::Vertical, area);
  paneSplitter_->setChildrenCollapsible(false);
  area->addWidget(paneSplitter_);
  QWidget* picker = buildPicker();
  area->addWidget(picker);
  area->setStretchFactor(0, 1);
  area->setStretchFactor(1, 0);
  area->setSizes({1000, 200});  // the panes take what the picker does not need
  auto* columns = new QToolButton(this);
  columns->setObjectName(QStringLiteral("chartPickerToggle"));
  columns->setText(tr("Columns"));
  columns->setToolTip(tr("Show or hide the list of columns to plot"));
  columns->setCheckable(true);
  columns->setChecked(true);
  connect(columns, &QToolButton::toggled, picker, &QWidget::setVisible);
  top->insertWidget(3, columns);

  Pane* price = addPane(kPricePane);
  candles_ = new QCandlestickSeries;
  candles_->setIncreasingColor(kUp);
  candles_->setDecreasingColor(kDown);
  candles_->setBodyOutlineVisible(false);
  candles_->setBodyWidth(0.7);
  signalUp_ = markerSeries(true, QColor(0x1b, 0x5e, 0x20));
  signalDown_ = markerSeries(false, QColor(0xb7, 0x1c, 0x1c));
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{candles_, signalUp_, signalDown_}) {
    price->view->chart()->addSeries(s);
    s->attachAxis(price->x);
    s->attachAxis(price->y);
  }
  price->ticks = 6;  // the tallest pane

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(top);
  layout->addWidget(messageLabel_);
  layout->addWidget(area, 1);

  connect(timeframeBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index < 0) return;
    current_ = charts_[static_cast<std::size_t>(timeframeBox_->itemData(index).toInt())];
    if (current_->sharedSeries() != laidOut_) {
      fillPicker();
      rebuildPanes();
    }
    resetRange();
  });
  connect(reset, &QPushButton::clicked, this, &ChartPanel::resetRange);
  clear(tr("Pick a symbol and press Run to chart it."));
}

QWidget* ChartPanel::buildPicker() {
  auto* box = new QWidget(this);
  box->setObjectName(QStringLiteral("chartPickerBox"));
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(4, 0, 0, 0);
  auto* title = new QHBoxLayout;
  title->addWidget(new QLabel(tr("Plotted columns"), box), 1);
  auto* defaults = new QPushButton(tr("Defaults"), box);
  defaults->setObjectName(QStringLiteral("chartPickerDefaults"));
  defaults->setToolTip(tr("Plot what the plugins' display hints select"));
  title->addWidget(defaults);
  pickerFilter_ = new QLineEdit(box);
  pickerFilter_->setObjectName(QStringLiteral("chartPickerFilter"));
  pickerFilter_->setPlaceholderText(tr("Filter (text or wildcards, e.g. *_lag_1)"));
  pickerFilter_->setClearButtonEnabled(true);
  picker_ = new QTreeWidget(box);
  picker_->setObjectName(QStringLiteral("chartPicker"));
  picker_->setHeaderHidden(true);
  picker_->setUniformRowHeights(true);
  layout->addLayout(title);
  layout->addWidget(pickerFilter_);
  layout->addWidget(picker_, 1);
  box->setMinimumWidth(150);
  box->setMaximumWidth(320);

  connect(picker_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item) {
    const QString column = item->data(0, Qt::UserRole).toString();
    if (column.isEmpty()) return;
    choices_.insert(column, item->checkState(0) == Qt::Checked);
    rebuildPanes();
  });
  connect(pickerFilter_, &QLineEdit::textChanged, this, &ChartPanel::filterPicker);
  connect(defaults, &QPushButton::clicked, this, [this] {
    choices_.clear();
    fillPicker();
    rebuildPanes();
  });
  return box;
}

bool ChartPanel::isPicked(const ChartSeries& series) const {
  return choices_.value(series.column, series.selected);
}

void ChartPanel::fillPicker() {
  const QSignalBlocker blocker(picker_);
  picker_->clear();
  if (!current_) return;
  QHash<QString, QTreeWidgetItem*> sources;
  for (const ChartSeries& s : current_->series()) {
    QTreeWidgetItem*& source = sources[s.source];
    if (!source) {
      source = new QTreeWidgetItem(picker_, {s.source});
      source->setFlags(Qt::ItemIsEnabled);
    }
    auto* item = new QTreeWidgetItem(source, {s.column});
    item->setData(0, Qt::UserRole, s.column);
    item->setToolTip(0, s.signal ? tr("%1: a signal, marked on the price chart").arg(s.column)
                        : s.pane == kPricePane ? tr("%1: over the price").arg(s.column)
                        : s.pane == kVolumePane ? tr("%1: in the volume pane").arg(s.column)
                                                : tr("%1: in a pane below the price").arg(s.column));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(0, isPicked(s) ? Qt::Checked : Qt::Unchecked);
    if (isPicked(s)) source->setExpanded(true);
  }
  filterPicker(pickerFilter_->text());
}

void ChartPanel::filterPicker(const QString& text) {
  const ColumnFilter filter(text);
  for (int i = 0; i < picker_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* source = picker_->topLevelItem(i);
    int shown = 0;
    for (int c = 0; c < source->childCount(); ++c) {
      const bool match = filter.matches(source->child(c)->text(0));
      source->child(c)->setHidden(!match);
      shown += match ? 1 : 0;
    }
    source->setHidden(shown == 0);
    if (!text.trimmed().isEmpty() && shown > 0) source->setExpanded(true);
  }
}

QStringList ChartPanel::pickedColumns() const {
  QStringList out;
  if (current_)
    for (const ChartSeries& s : current_->series())
      if (isPicked(s)) out << s.column;
  return out;
}

ChartPanel::Pane* ChartPanel::addPane(const QString& key) {
  auto pane = std::make_unique<Pane>();
  pane->key = key;
  pane->box = new QWidget(paneSplitter_);
  auto* layout = new QVBoxLayout(pane->box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  pane->caption = new QLabel(pane->box);
  pane->caption->setContentsMargins(ChartPane::kLeftMargin, 0, 0, 0);
  pane->caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  pane->view = new ChartPane(pane->box);
  pane->view->setObjectName(QStringLiteral("chartPane_%1").arg(key));
  layout->addWidget(pane->caption);
  layout->addWidget(pane->view, 1);
  paneSplitter_->addWidget(pane->box);
  pane->x = new QDateTimeAxis;
  pane->x->setTickCount(7);
  pane->y = new QValueAxis;
  pane->y->setLabelFormat(QStringLiteral("%.0f"));
  pane->y->setTickCount(3);
  pane->view->chart()->addAxis(pane->x, Qt::AlignBottom);
  pane->view->chart()->addAxis(pane->y, Qt::AlignLeft);
  ChartPane* view = pane->view;
  connect(view, &ChartPane::zoomRequested, this, &ChartPanel::zoom);
  connect(view, &ChartPane::panRequested, this, &ChartPanel::pan);
  connect(view, &ChartPane::hovered, this, [this](double at) { hoverAt(micros(at)); });
  connect(view, &ChartPane::resetRequested, this, &ChartPanel::resetRange);
  // A wider or narrower plot needs the data decimated again (once per burst of resizes).
  connect(view, &ChartPane::resized, this, [this] {
    QMetaObject::invokeMethod(this, [this] {
      if (current_ && pricePane()->plotWidth() != decimatedWidth_) refresh();
    }, Qt::QueuedConnection);
  });
  panes_.push_back(std::move(pane));
  return panes_.back().get();
}

void ChartPanel::addPlots(Pane& pane, const std::vector<const ChartSeries*>& members) {
  QSet<QString> here;
  for (const ChartSeries* s : members) here.insert(s->column);
  QSet<QString> edges;  // lower edges drawn by their band
  for (const ChartSeries* s : members)
    if (s->style == DisplayStyle::Band && here.contains(s->lower)) edges.insert(s->lower);
  QChart* chart = pane.view->chart();
  auto attach = [&](QAbstractSeries* series) {
    chart->addSeries(series);
    series->attachAxis(pane.x);
    series->attachAxis(pane.y);
  };
  QStringList legend;
  int colors = 0;
  for (const ChartSeries* s : members) {
    pane.columns << s->column;
    if (!pane.range && s->range) pane.range = s->range;
    if (pane.guides.isEmpty()) pane.guides = s->guides;
    if (s->signal || edges.contains(s->column)) continue;
    Plot plot;
    plot.column = s->column;
    plot.style = s->style;
    plot.color = s->color.isEmpty() ? paletteColor(colors++) : QColor(s->color);
    switch (s->style) {
      case DisplayStyle::Line:
        plot.line = lineSeries(plot.color);
        attach(plot.line);
        break;
      case DisplayStyle::Markers:
        plot.markers = new QScatterSeries;
        plot.markers->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        plot.markers->setMarkerSize(5);
        plot.markers->setColor(plot.color);
        plot.markers->setBorderColor(plot.color);
        attach(plot.markers);
        break;
      case DisplayStyle::Histogram:
      case DisplayStyle::Band: {
        const bool band = s->style == DisplayStyle::Band && here.contains(s->lower);
        plot.style = band ? DisplayStyle::Band : DisplayStyle::Histogram;
        plot.lower = band ? s->lower : QString();
        plot.upperBound = new QLineSeries;
        plot.lowerBound = new QLineSeries;
        plot.area = new QAreaSeries(plot.upperBound, plot.lowerBound);
        plot.upperBound->setParent(plot.area);
        plot.lowerBound->setParent(plot.area);
        plot.area->setBrush(translucent(plot.color, band ? 40 : 150));
        plot.area->setPen(band ? QPen(Qt::NoPen) : QPen(plot.color.darker(130), 0.5));
        attach(plot.area);
        if (band) {  // dashed edges over the fill
          plot.line = lineSeries(plot.color, 1.0, Qt::DashLine);
          plot.edge = lineSeries(plot.color, 1.0, Qt::DashLine);
          attach(plot.line);
          attach(plot.edge);
        }
        break;
      }
    }
    legend << swatch(plot.color, plot.lower.isEmpty() ? s->column : s->column + QStringLiteral(" – ") + plot.lower);
    pane.plots.push_back(std::move(plot));
  }
  for (qsizetype g = 0; g < pane.guides.size(); ++g) {
    QLineSeries* line = lineSeries(kGuide, 1.0, Qt::DotLine);
    attach(line);
    pane.guideLines.push_back(line);
  }
  if (!pane.guides.isEmpty())
    legend << QStringLiteral("<span style='color:gray'>guides %1</span>").arg(guideText(pane.guides));
  pane.legend = legend.join(QLatin1String("&nbsp;&nbsp;"));
  pane.caption->setText(pane.legend);
}

void ChartPanel::rebuildPanes() {
  // The price pane stays (candles, signal markers); its overlays and every other pane go.
  Pane& price = *panes_.front();
  for (const Plot& plot : price.plots)
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{plot.line, plot.edge, plot.area, plot.markers})
      if (s) {
        price.view->chart()->removeSeries(s);
        delete s;
      }
  for (QLineSeries* line : price.guideLines) {
    price.view->chart()->removeSeries(line);
    delete line;
  }
  price.plots.clear();
  price.guideLines.clear();
  price.columns.clear();
  price.range.reset();
  price.guides.clear();
  while (panes_.size() > 1) {
    delete panes_.back()->box;  // the pane's chart and its series with it
    panes_.pop_back();
  }
  laidOut_ = current_ ? current_->sharedSeries() : nullptr;
  signals_.clear();
  if (!current_) return;

  // Members per pane in column order; the price pane first, volume next, then as they come.
  std::vector<QString> order{kPricePane, kVolumePane};
  QHash<QString, std::vector<const ChartSeries*>> members;
  for (const ChartSeries& s : current_->series()) {
    if (!isPicked(s)) continue;
    if (s.signal) signals_ << s.column;
    if (std::find(order.begin(), order.end(), s.pane) == order.end()) order.push_back(s.pane);
    members[s.pane].push_back(&s);
  }
  for (const QString& key : order) {
    if (!members.contains(key) && key != kPricePane) continue;
    Pane* pane = key == kPricePane ? &price : addPane(key);
    addPlots(*pane, members.value(key));
  }
  QList<int> sizes;
  for (std::size_t i = 0; i < panes_.size(); ++i) {
    panes_[i]->x->setLabelsVisible(i == 0 || i + 1 == panes_.size());
    sizes << (i == 0 ? 300 : 100);
  }
  paneSplitter_->setSizes(sizes);
  refresh();
}

void ChartPanel::clear(const QString& message) {
  charts_.clear();
  current_.reset();
  const QSignalBlocker blocker(timeframeBox_);
  timeframeBox_->clear();
  messageLabel_->setText(message);
  messageLabel_->show();
  chartArea_->setVisible(false);
  fillPicker();
  rebuildPanes();
}

void ChartPanel::setCharts(const std::vector<std::shared_ptr<const ChartData>>& charts) {
  const QString previous = currentTimeframe();
  charts_ = charts;
  {
    const QSignalBlocker blocker(timeframeBox_);
    timeframeBox_->clear();
    for (std::size_t i = 0; i < charts_.size(); ++i)
      if (charts_[i]) timeframeBox_->addItem(charts_[i]->timeframe().name(), static_cast<int>(i));
  }
  if (timeframeBox_->count() == 0) {
    clear(tr("No chart: every timeframe failed (see Jobs)."));
    return;
  }
  messageLabel_->hide();
  chartArea_->setVisible(true);
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

ChartPane* ChartPanel::pricePane() const { return panes_.front()->view; }

std::vector<ChartPane*> ChartPanel::panes() const {
  std::vector<ChartPane*> out;
  for (const auto& pane : panes_) out.push_back(pane->view);
  return out;
}

const ChartPanel::Pane* ChartPanel::paneStruct(const ChartPane* view) const {
  for (const auto& pane : panes_)
    if (pane->view == view) return pane.get();
  return nullptr;
}

ChartPane* ChartPanel::paneOf(const QString& column) const {
  for (const auto& pane : panes_)
    if (pane->columns.contains(column)) return pane->view;
  return nullptr;
}

QStringList ChartPanel::columnsOf(const ChartPane* view) const {
  const Pane* pane = paneStruct(view);
  return pane ? pane->columns : QStringList();
}

QList<double> ChartPanel::guidesOf(const ChartPane* view) const {
  const Pane* pane = paneStruct(view);
  return pane ? pane->guides : QList<double>();
}

QValueAxis* ChartPanel::yAxisOf(const ChartPane* view) const {
  const Pane* pane = paneStruct(view);
  return pane ? pane->y : nullptr;
}

void ChartPanel::resetRange() {
  if (!current_ || current_->rows() == 0) return;
  setVisibleRange(current_->times().front(), current_->times().back());
}

void ChartPanel::setVisibleRange(Timestamp from, Timestamp to) {
  if (!current_ || current_->rows() == 0) return;
  const Timestamp first = current_->times().front();
  const Timestamp last = current_->times().back();
  const Timestamp minimumSpan = current_->timeframe().durationMicros() * 10;  // ten bars at least
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
  if (!current_ || current_->rows() == 0) return;
  QElapsedTimer timer;
  timer.start();
  const RowRange rows = rowsBetween(current_->times(), from_, to_);
  const int width = pricePane()->plotWidth();
  decimatedWidth_ = width;
  pointsShown_ = 0;
  const int dateTicks = std::clamp(width / 110 + 1, 2, 7);  // a date label is about 80 pixels wide
  for (const auto& pane : panes_) {
    pane->x->setRange(QDateTime::fromMSecsSinceEpoch(from_ / 1000, QTimeZone::utc()),
                      QDateTime::fromMSecsSinceEpoch(to_ / 1000, QTimeZone::utc()));
    pane->x->setFormat(dateFormat(to_ - from_));
    pane->x->setTickCount(dateTicks);
  }
  updateCandles(rows, width);
  for (const auto& pane : panes_) updatePane(*pane, rows, width);
  lastUpdateMicros_ = timer.nsecsElapsed() / 1000;
  emit updated();
}

void ChartPanel::updateCandles(RowRange rows, int width) {
  const ChartData& chart = *current_;
  const std::vector<Candle> candles = aggregateCandles(
      chart.times(), chart.column(QStringLiteral("open")), chart.column(QStringLiteral("high")),
      chart.column(QStringLiteral("low")), chart.column(QStringLiteral("close")), rows,
      std::max(1, width / kCandlePixels), chart.blocks(QStringLiteral("high")),
      chart.blocks(QStringLiteral("low")));
  QList<QCandlestickSet*> sets;
  sets.reserve(static_cast<qsizetype>(candles.size()));
  for (const Candle& c : candles) sets.append(new QCandlestickSet(c.open, c.high, c.low, c.close, ms(c.time)));
  candles_->clear();
  candles_->append(sets);
  pointsShown_ += sets.size();
  candlesShown_ = static_cast<int>(sets.size());
  updateSignals(rows, width);
  Pane& price = *panes_.front();
  QStringList legend{tr("<span style='color:#26a69a'>■</span> %1 candles (%2 bars)")
                         .arg(candles.size())
                         .arg(rows.size())};
  if (!price.legend.isEmpty()) legend << price.legend;
  if (!signals_.isEmpty())
    legend << tr("<span style='color:#1b5e20'>▲</span><span style='color:#b71c1c'>▼</span> %1")
                  .arg(signals_.join(QLatin1String(", ")).toHtmlEscaped());
  price.caption->setText(legend.join(QLatin1String("&nbsp;&nbsp;")));
}

void ChartPanel::updateSignals(RowRange rows, int width) {
  // Markers sit just outside the candle: below the low for up, above the high for down.
  const ChartData& chart = *current_;
  const std::span<const double> low = chart.column(QStringLiteral("low"));
  const std::span<const double> high = chart.column(QStringLiteral("high"));
  const std::span<const Timestamp> t = chart.times();
  Bounds prices;
  for (const QCandlestickSet* set : candles_->sets()) {
    prices.add(set->high());
    prices.add(set->low());
  }
  const double offset = prices.low <= prices.high ? (prices.high - prices.low) * 0.03 : 0;
  QList<QPointF> up, down;
  const int markerBuckets = std::max(1, width / int(kMarkerSize));
  for (const QString& column : signals_) {
    const SignalRows signal = signalRows(chart.column(column), rows, markerBuckets);
    for (const std::int64_t r : signal.up) up.append({ms(t[r]), low[r] - offset});
    for (const std::int64_t r : signal.down) down.append({ms(t[r]), high[r] + offset});
  }
  signalUp_->replace(up);
  signalDown_->replace(down);
  pointsShown_ += up.size() + down.size();
}

void ChartPanel::updatePane(Pane& pane, RowRange rows, int width) {
  const ChartData& chart = *current_;
  const std::span<const Timestamp> t = chart.times();
  Bounds bounds;
  if (&pane == panes_.front().get()) {
    for (const QCandlestickSet* set : candles_->sets()) {
      bounds.add(set->high());
      bounds.add(set->low());
    }
    bounds.add(signalUp_->points());
    bounds.add(signalDown_->points());
  }
  auto points = [&](const QString& column) {
    QList<QPointF> out =
        toPoints(minMaxDecimate(t, chart.column(column), rows, lineBuckets(width), chart.blocks(column)));
    pointsShown_ += out.size();
    bounds.add(out);
    return out;
  };
  for (Plot& plot : pane.plots) {
    switch (plot.style) {
      case DisplayStyle::Line: plot.line->replace(points(plot.column)); break;
      case DisplayStyle::Markers: plot.markers->replace(points(plot.column)); break;
      case DisplayStyle::Histogram: {
        const QList<QPointF> values = points(plot.column);
        QList<QPointF> zero = values;
        for (QPointF& p : zero) p.setY(0);
        plot.upperBound->replace(values);
        plot.lowerBound->replace(zero);
        bounds.add(0);
        break;
      }
      case DisplayStyle::Band: {
        const QList<QPointF> upper = points(plot.column), lower = points(plot.lower);
        plot.upperBound->replace(upper);
        plot.lowerBound->replace(lower);
        plot.line->replace(upper);
        plot.edge->replace(lower);
        break;
      }
    }
  }
  const double first = ms(from_), last = ms(to_);
  for (std::size_t g = 0; g < pane.guideLines.size(); ++g) {
    const double at = pane.guides[static_cast<qsizetype>(g)];
    pane.guideLines[g]->replace(QList<QPointF>{{first, at}, {last, at}});
  }
  if (pane.range) {
    const auto [low, high] = *pane.range;
    const double pad = (high - low) * 0.05;  // room for the edge labels
    setAxisRange(pane.y, low - pad, high + pad, low, high, pane.ticks);
  } else {
    for (double g : pane.guides) bounds.add(g);
    bounds.apply(pane.y, pane.ticks);
  }
}

QString ChartPanel::hoverAt(Timestamp t) {
  if (!current_) return {};
  const ChartData& chart = *current_;
  const std::int64_t row = nearestRow(chart.times(), t);
  if (row < 0) return {};
  const auto bar = [&](const char* name) { return number(chart.column(QLatin1String(name))[row]); };
  QStringList parts{isoUtc(chart.times()[row]),
                    QStringLiteral("O %1 H %2 L %3 C %4 V %5")
                        .arg(bar("open"), bar("high"), bar("low"), bar("close"), bar("volume"))};
  for (const ChartSeries& s : chart.series()) {
    if (kBarColumns.contains(s.column) || !isPicked(s)) continue;  // the bars: above
    const double v = chart.column(s.column)[row];
    if (!s.signal) parts << QStringLiteral("%1 %2").arg(s.column, number(v));
    else if (v != 0 && std::isfinite(v)) parts << QStringLiteral("%1 %2").arg(s.column, v > 0 ? "▲" : "▼");
  }
  const QString text = parts.join(QLatin1String("  "));
  hoverLabel_->setText(text);
  hoverLabel_->setToolTip(text);
  return text;
}

}  // namespace strata::ui
