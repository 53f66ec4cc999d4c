#include "feature_table.h"

#include "column_filter.h"
#include "strata/time_format.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace strata::ui {

void FeatureTableModel::setFeatures(SharedFeatureSet features) {
  beginResetModel();
  features_ = std::move(features);
  rebuildColumns();
  endResetModel();
}

void FeatureTableModel::setColumnFilter(const QString& text) {
  beginResetModel();
  filter_ = text.trimmed();
  rebuildColumns();
  endResetModel();
}

void FeatureTableModel::rebuildColumns() {
  visible_.clear();
  if (!features_) return;
  visible_.push_back(-1);
  const ColumnFilter filter(filter_);
  auto keep = [&filter](const QString& name) { return filter.matches(name); };
  const int n = static_cast<int>(features_->columns.size());
  for (int j = 0; j < n; ++j)
    if (keep(features_->columns[j])) visible_.push_back(j);
  if (features_->target.size() > 0 && keep(QStringLiteral("target"))) visible_.push_back(n);
}

int FeatureTableModel::totalColumns() const {
  return features_ ? static_cast<int>(features_->columns.size()) + (features_->target.size() > 0 ? 1 : 0) : 0;
}

int FeatureTableModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !features_) return 0;
  return static_cast<int>(features_->timestamps.size());
}

int FeatureTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(visible_.size());
}

QVariant FeatureTableModel::data(const QModelIndex& index, int role) const {
  if (!features_ || !index.isValid()) return {};
  if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  const int column = visible_[static_cast<std::size_t>(index.column())];
  const auto row = static_cast<Eigen::Index>(index.row());
  if (column < 0) return isoUtc(features_->timestamps[static_cast<std::size_t>(row)]);
  const double v = column < features_->matrix.cols() ? features_->matrix(row, column)
                                                      : features_->target[row];
  if (role == Qt::EditRole) return v;
  if (std::isnan(v)) return QStringLiteral("NaN");
  if (std::isinf(v)) return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  return QString::number(v, 'g', 8);
}

QVariant FeatureTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || !features_) return {};
  if (orientation == Qt::Vertical) return section + 1;
  const int column = visible_[static_cast<std::size_t>(section)];
  if (column < 0) return QStringLiteral("timestamp");
  return column < features_->columns.size() ? features_->columns[column] : QStringLiteral("target");
}

FeatureTableView::FeatureTableView(QWidget* parent) : QWidget(parent) {
  model_ = new FeatureTableModel(this);
  timeframe_ = new QComboBox(this);
  timeframe_->setObjectName(QStringLiteral("tableTimeframe"));
  search_ = new QLineEdit(this);
  search_->setObjectName(QStringLiteral("tableColumnSearch"));
  search_->setPlaceholderText(tr("Search columns (text or wildcards, e.g. close*, *_lag_1)"));
  search_->setClearButtonEnabled(true);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("tableSummary"));
  table_ = new QTableView(this);
  table_->setObjectName(QStringLiteral("featureTable"));
  table_->setModel(model_);
  // Fixed section sizes: nothing measures millions of rows.
  table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  table_->verticalHeader()->setDefaultSectionSize(22);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  table_->horizontalHeader()->setDefaultSectionSize(120);
  table_->setWordWrap(false);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Timeframe"), this));
  controls->addWidget(timeframe_);
  controls->addWidget(search_, 1);
  controls->addWidget(summary_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(controls);
  layout->addWidget(table_, 1);
  connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
    model_->setColumnFilter(text);
    table_->setColumnWidth(0, 170);
    updateSummary();
  });
  connect(timeframe_, &QComboBox::currentIndexChanged, this, [this](int index) {
    model_->setFeatures(index >= 0 ? results_[static_cast<std::size_t>(index)].features : nullptr);
    table_->setColumnWidth(0, 170);
    updateSummary();
  });
  updateSummary();
}

void FeatureTableView::setResults(const std::vector<TimeframeResult>& results) {
  results_.clear();
  for (const TimeframeResult& r : results)
    if (r.features) results_.push_back(r);
  const QString keep = timeframe_->currentText();
  const QSignalBlocker blocker(timeframe_);
  timeframe_->clear();
  for (const TimeframeResult& r : results_) timeframe_->addItem(r.timeframe.name());
  const int index = std::max(0, timeframe_->findText(keep));
  timeframe_->setCurrentIndex(results_.empty() ? -1 : index);
  model_->setFeatures(results_.empty() ? nullptr : results_[static_cast<std::size_t>(index)].features);
  table_->setColumnWidth(0, 170);
  updateSummary();
}

bool FeatureTableView::showTimeframe(const QString& name) {
  const int index = timeframe_->findText(name);
  if (index >= 0) timeframe_->setCurrentIndex(index);
  return index >= 0;
}

void FeatureTableView::updateSummary() {
  summary_->setText(tr("%1 rows, %2 of %3 columns")
                        .arg(model_->rowCount())
                        .arg(std::max(0, model_->columnCount() - 1))
                        .arg(model_->totalColumns()));
}

}  // namespace strata::ui
