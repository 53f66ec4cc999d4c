#pragma once
// One row per timeframe of the current run: stage, a progress bar, time, and the outcome
// (computed, from the cache, or the timeframe's own error; the others carry on).
#include "run_controller.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace strata::ui {

class JobsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit JobsPanel(QWidget* parent = nullptr);

  void start(const RunRequest& request);
  void update(const JobProgress& progress);
  void finish(const RunOutcome& outcome);
  /// The text of the outcome column for `timeframe` ("1d"), for tests and screenshots.
  QString outcomeText(const QString& timeframe) const;
  QString stageText(const QString& timeframe) const;
  QTreeWidget* table() const { return table_; }

 private:
  QTreeWidgetItem* row(const Timeframe& timeframe) const;
  QTreeWidget* table_ = nullptr;
  QLabel* summary_ = nullptr;
};

}  // namespace strata::ui
