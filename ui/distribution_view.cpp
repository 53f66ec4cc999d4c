#include "distribution_view.h"

#include "histogram.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStringListModel>
#include <QTabWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>
#include <optional>

namespace strata::ui {
namespace {

const QColor kPalette[] = {QColor(0x42, 0x85, 0xf4), QColor(0xef, 0x6c, 0x00), QColor(0x2e, 0x7d, 0x32),
                           QColor(0x8e, 0x24, 0xaa), QColor(0xc6, 0x28, 0x28), QColor(0x00, 0x83, 0x8f),
                           QColor(0x6d, 0x4c, 0x41), QColor(0x54, 0x6e, 0x7a)};

/// The histogram of column `name` (either precision, read in place) over [low, high] when
/// low < high, else over its own range; nullopt when the set has no such column.
std::optional<Histogram> histogramOfColumn(const FeatureSet& fs, const QString& name, int bins,
                                           double low = 0, double high = 0) {
  const qsizetype j = fs.columns.indexOf(name);
  if (j < 0) return std::nullopt;
  return fs.matrix.visitColumn(j, [&](auto values) {
    return low < high ? computeHistogram(values, bins, low, high) : computeHistogram(values, bins);
  });
}

/// A filled step outline of the histogram as densities (fractions of the finite rows).
QAreaSeries* stepArea(const Histogram& h, const QColor& color, double* top) {
  // The area owns its boundary series. QAreaSeries does not: unowned, they outlived every
  // histogram refresh (two QLineSeries and their points per feature a user browsed).
  auto* area = new QAreaSeries;
  auto* upper = new QLineSeries(area);
  auto* lower = new QLineSeries(area);
  const double width = h.counts.size() > 1 ? h.binWidth() : std::max(std::abs(h.low) * 0.01, 0.01);
  double x = h.counts.size() > 1 ? h.low : h.low - width / 2;
  for (const std::int64_t count : h.counts) {
    const double density = h.finite ? double(count) / double(h.finite) : 0;
    *top = std::max(*top, density);
    upper->append(x, density);
    upper->append(x + width, density);
    lower->append(x, 0);
    lower->append(x + width, 0);
    x += width;
  }
  area->setUpperSeries(upper);
  area->setLowerSeries(lower);
  QColor fill = color;
  fill.setAlpha(110);
  area->setBrush(fill);
  area->setPen(QPen(color, 1));
  return area;
}

}  // namespace

DistributionView::DistributionView(QWidget* parent) : QWidget(parent) {
  search_ = new QLineEdit(this);
  search_->setObjectName(QStringLiteral("featureSearch"));
  search_->setPlaceholderText(tr("Search features (e.g. close, lag_5)"));
  search_->setClearButtonEnabled(true);
  names_ = new QStringListModel(this);
  filter_ = new QSortFilterProxyModel(this);
  filter_->setSourceModel(names_);
  filter_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  list_ = new QListView(this);
  list_->setObjectName(QStringLiteral("featureList"));
  list_->setModel(filter_);
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  list_->setUniformItemSizes(true);
  auto* gridButton = new QPushButton(tr("Grid of selected"), this);
  gridButton->setObjectName(QStringLiteral("showGrid"));
  gridButton->setToolTip(tr("Small multiples of the selected features (up to %1)").arg(kGridMax));
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(search_);
  leftLayout->addWidget(list_, 1);
  leftLayout->addWidget(gridButton);

  timeframe_ = new QComboBox(this);
  timeframe_->setObjectName(QStringLiteral("distTimeframe"));
  timeframe_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  bins_ = new QSpinBox(this);
  bins_->setObjectName(QStringLiteral("distBins"));
  bins_->setRange(5, 500);
  bins_->setValue(50);
  bins_->setSuffix(tr(" bins"));
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Timeframe"), this));
  controls->addWidget(timeframe_);
  controls->addWidget(bins_);
  controls->addStretch();

  chart_ = new QChartView(new QChart, this);
  chart_->setObjectName(QStringLiteral("histogramChart"));
  chart_->setRenderHint(QPainter::Antialiasing);
  stats_ = new QLabel(this);
  stats_->setObjectName(QStringLiteral("distStats"));
  stats_->setWordWrap(true);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* single = new QWidget(this);
  auto* singleLayout = new QVBoxLayout(single);
  singleLayout->addWidget(chart_, 1);
  singleLayout->addWidget(stats_);
  grid_ = new QWidget(this);
  gridLayout_ = new QGridLayout(grid_);
  auto* gridScroll = new QScrollArea(this);
  gridScroll->setWidgetResizable(true);
  gridScroll->setWidget(grid_);
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("distTabs"));
  tabs_->addTab(single, tr("Histogram"));
  tabs_->addTab(gridScroll, tr("Grid"));

  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(controls);
  rightLayout->addWidget(tabs_, 1);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(splitter);

  connect(search_, &QLineEdit::textChanged, filter_, &QSortFilterProxyModel::setFilterFixedString);
  connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& index) {
            if (index.isValid()) showFeature(index.data().toString());
          });
  connect(timeframe_, &QComboBox::currentIndexChanged, this, &DistributionView::refresh);
  connect(bins_, &QSpinBox::valueChanged, this, &DistributionView::refresh);
  connect(gridButton, &QPushButton::clicked, this, [this] {
    QStringList chosen;
    for (const QModelIndex& index : list_->selectionModel()->selectedIndexes())
      chosen << index.data().toString();
    showGrid(chosen);
  });
  setResults({});
}

void DistributionView::setResults(const std::vector<TimeframeResult>& results) {
  results_.clear();
  for (const TimeframeResult& r : results)
    if (r.features) results_.push_back(r);
  QStringList columns = results_.empty() ? QStringList() : results_.front().features->columns;
  names_->setStringList(columns);
  {
    const QSignalBlocker blocker(timeframe_);
    const QString keep = timeframe_->currentData().toString();
    timeframe_->clear();
    for (const TimeframeResult& r : results_) timeframe_->addItem(r.timeframe.name(), r.timeframe.name());
    if (results_.size() > 1) timeframe_->addItem(tr("all, overlaid"), QString());
    const int index = timeframe_->findData(keep);
    timeframe_->setCurrentIndex(index >= 0 ? index : 0);
  }
  if (!showFeature(feature_) && !columns.isEmpty()) showFeature(columns.front());
  if (columns.isEmpty()) refresh();
  showGrid(gridFeatures_);
}

bool DistributionView::showFeature(const QString& feature) {
  bool found = false;
  for (const TimeframeResult& r : results_) found |= r.features->columns.contains(feature);
  if (!found) return false;
  feature_ = feature;
  refresh();
  return true;
}

void DistributionView::setTimeframe(const QString& name) {
  const int index = timeframe_->findData(name);
  if (index >= 0) timeframe_->setCurrentIndex(index);
}

QString DistributionView::statsText() const { return stats_->text(); }

void DistributionView::refresh() {
  QString stats;
  fillChart(chart_, feature_, false, &stats);
  stats_->setText(stats);
  showGrid(gridFeatures_);
}

void DistributionView::fillChart(QChartView* view, const QString& feature, bool compact,
                                 QString* stats) const {
  QChart* chart = view->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  chart->setTitle(feature);
  chart->legend()->setVisible(!compact);
  if (results_.empty() || feature.isEmpty()) {
    if (stats) *stats = tr("Run a symbol to see the distributions of its normalised features.");
    return;
  }
  const QString wanted = timeframe_->currentData().toString();  // empty: every timeframe
  std::vector<const TimeframeResult*> shown;
  for (const TimeframeResult& r : results_)
    if (wanted.isEmpty() || r.timeframe.name() == wanted) shown.push_back(&r);

  // Shared bins over every shown timeframe's finite range.
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const TimeframeResult* r : shown) {
    const std::optional<Histogram> range = histogramOfColumn(*r->features, feature, 1);
    if (!range || range->finite == 0) continue;
    low = std::min(low, range->low);
    high = std::max(high, range->high);
  }
  double top = 0;
  QStringList lines;
  std::size_t color = 0;
  for (const TimeframeResult* r : shown) {
    const std::optional<Histogram> found = histogramOfColumn(*r->features, feature, bins_->value(), low, high);
    if (!found || r->features->matrix.rows() == 0) continue;
    const Histogram& h = *found;
    QAreaSeries* area = stepArea(h, kPalette[color++ % std::size(kPalette)], &top);
    area->setName(r->timeframe.name());
    chart->addSeries(area);
    QString line = tr("<b>%1</b>: %2 rows, %3 finite, NaN %4, +inf %5, -inf %6")
                       .arg(r->timeframe.name())
                       .arg(r->features->matrix.rows())
                       .arg(h.finite)
                       .arg(h.nan)
                       .arg(h.posInf)
                       .arg(h.negInf);
    if (h.finite > 0) line += tr(", range [%1, %2]").arg(h.low, 0, 'g', 6).arg(h.high, 0, 'g', 6);
    for (const ColumnStats& c : r->features->report.columns)
      if (c.name == feature)
        line += tr("; before normalisation: NaN %1, +inf %2, -inf %3%4")
                    .arg(c.nanCount)
                    .arg(c.posInfCount)
                    .arg(c.negInfCount)
                    .arg(c.constant ? tr(", <b>constant</b>") : QString());
    if (h.constant()) line += tr(" <b>constant</b> (%1)").arg(h.low);
    lines << line;
  }
  chart->createDefaultAxes();
  for (QAbstractAxis* axis : chart->axes(Qt::Vertical))
    if (auto* y = qobject_cast<QValueAxis*>(axis)) {
      y->setRange(0, top > 0 ? top * 1.1 : 1);
      y->setLabelFormat(QStringLiteral("%.2f"));
      y->setTitleText(compact ? QString() : tr("fraction of rows"));
    }
  if (stats) *stats = lines.join(QStringLiteral("<br>"));
}

void DistributionView::showGrid(const QStringList& features) {
  gridFeatures_ = features.mid(0, kGridMax);
  while (QLayoutItem* item = gridLayout_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  gridCount_ = 0;
  if (gridFeatures_.isEmpty()) {
    auto* hint = new QLabel(tr("Select features in the list (Ctrl/Shift-click) and press "
                               "\"Grid of selected\"."), grid_);
    gridLayout_->addWidget(hint, 0, 0);
    return;
  }
  constexpr int kColumns = 4;
  for (const QString& feature : gridFeatures_) {
    auto* view = new QChartView(new QChart, grid_);
    view->setMinimumSize(240, 180);
    view->chart()->setMargins({2, 2, 2, 2});
    fillChart(view, feature, true, nullptr);
    gridLayout_->addWidget(view, gridCount_ / kColumns, gridCount_ % kColumns);
    ++gridCount_;
  }
}

}  // namespace strata::ui
