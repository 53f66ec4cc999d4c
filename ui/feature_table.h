#pragma once
// The feature table: a virtual table model straight over a FeatureSet's column-major matrix
// (it holds the shared_ptr, never copies a value; a cell is read when the view paints it), so
// millions of rows cost nothing until scrolled to. Column search keeps an index of the visible
// columns inside the model: no proxy, no per-row mapping.
#include "strata/feature_engineer.h"

#include <QAbstractTableModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace strata::ui {

class FeatureTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  using QAbstractTableModel::QAbstractTableModel;

  void setFeatures(SharedFeatureSet features);
  /// Keeps the columns whose name contains `text` (case-insensitive; * and ? as wildcards).
  /// "timestamp" always stays first.
  void setColumnFilter(const QString& text);
  int totalColumns() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  void rebuildColumns();
  SharedFeatureSet features_;
  QString filter_;
  // Visible columns: -1 timestamp, 0..n-1 the matrix, n the target.
  std::vector<int> visible_;
};

class FeatureTableView : public QWidget {
  Q_OBJECT
 public:
  explicit FeatureTableView(QWidget* parent = nullptr);
  void setResults(const std::vector<TimeframeResult>& results);
  bool showTimeframe(const QString& name);
  FeatureTableModel* model() const { return model_; }
  QLineEdit* searchEdit() const { return search_; }
  QTableView* table() const { return table_; }

 private:
  void updateSummary();
  std::vector<TimeframeResult> results_;
  FeatureTableModel* model_ = nullptr;
  QComboBox* timeframe_ = nullptr;
  QLineEdit* search_ = nullptr;
  QTableView* table_ = nullptr;
  QLabel* summary_ = nullptr;
};

}  // namespace strata::ui
