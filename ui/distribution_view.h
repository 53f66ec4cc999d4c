#pragma once
// Distributions of the normalised features: the histogram of any feature (searchable chooser),
// for one timeframe or every timeframe overlaid (as densities, over shared bins), with its NaN,
// +-inf and constant counts; and a small-multiples grid of the features selected in the chooser.
#include "strata/feature_engineer.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSpinBox;
class QStringListModel;
class QTabWidget;

namespace strata::ui {

class DistributionView : public QWidget {
  Q_OBJECT
 public:
  explicit DistributionView(QWidget* parent = nullptr);

  void setResults(const std::vector<TimeframeResult>& results);
  /// Shows `feature`; false when no result has that column.
  bool showFeature(const QString& feature);
  /// Timeframe name, or empty for every timeframe overlaid.
  void setTimeframe(const QString& name);
  /// Small multiples of these features (at most kGridMax).
  void showGrid(const QStringList& features);
  QString currentFeature() const { return feature_; }
  QString statsText() const;
  QLineEdit* searchEdit() const { return search_; }
  QListView* featureList() const { return list_; }
  QTabWidget* tabs() const { return tabs_; }
  int gridCount() const { return gridCount_; }

  static constexpr int kGridMax = 16;

 private:
  void refresh();
  void fillChart(QChartView* view, const QString& feature, bool compact, QString* stats) const;

  std::vector<TimeframeResult> results_;  // shared matrices, no copies
  QString feature_;
  QStringList gridFeatures_;
  int gridCount_ = 0;
  QLineEdit* search_ = nullptr;
  QStringListModel* names_ = nullptr;
  QSortFilterProxyModel* filter_ = nullptr;
  QListView* list_ = nullptr;
  QComboBox* timeframe_ = nullptr;
  QSpinBox* bins_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QChartView* chart_ = nullptr;
  QLabel* stats_ = nullptr;
  QWidget* grid_ = nullptr;
  QGridLayout* gridLayout_ = nullptr;
};

}  // namespace strata::ui
