#pragma once
// The workbench's main window: docks for the symbol browser (with the run controls), the
// pipeline editor and the jobs; the chart, distributions and feature table as central tabs;
// the status bar shows the data source, the cache tiers and the busy workers. Window layout,
// the last symbol, timeframes, lookback, pipeline and Redis TTL are remembered (QSettings).
#include "run_controller.h"
#include "workbench.h"

#include <QMainWindow>

class QDialog;
class QLabel;
class QTabWidget;

namespace strata::ui {

class ChartPanel;
class DistributionView;
class FeatureTableView;
class JobsPanel;
class PipelineEditor;
class SymbolBrowser;

struct WindowOptions {
  bool autoRun = true;        // run the selected symbol once the symbols are listed
  bool restoreState = true;   // read QSettings (layout, last symbol, config)
};

class WorkbenchWindow : public QMainWindow {
  Q_OBJECT
 public:
  WorkbenchWindow(Workbench& bench, WindowOptions options = {}, QWidget* parent = nullptr);
  ~WorkbenchWindow() override;

  /// Runs what the symbol browser and the pipeline editor say.
  bool startRun(QString* error = nullptr);
  /// Runs `request` as given (the jobs panel, charts and views follow as for Run).
  bool startRun(const RunRequest& request, QString* error = nullptr);
  void cancelRun();
  bool isRunning() const;
  std::shared_ptr<const RunOutcome> lastOutcome() const;

  SymbolBrowser* symbols() const { return symbols_; }
  PipelineEditor* pipeline() const { return pipeline_; }
  JobsPanel* jobs() const { return jobs_; }
  ChartPanel* charts() const { return charts_; }
  DistributionView* distributions() const { return distributions_; }
  FeatureTableView* table() const { return table_; }
  /// File > Export on the last run's results.
  QDialog* openExportDialog();
  /// Settings > Cache: Redis state and TTL (a new TTL applies to the next stores).
  QDialog* openCacheDialog();
  QTabWidget* views() const { return views_; }
  QString statusText() const;

 signals:
  void runFinished();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void restore();
  void save() const;
  void onFinished(const std::shared_ptr<const RunOutcome>& outcome);
  void refreshStatus();
  void releaseLargeResults();
  void openConfig();
  void saveConfig(bool askForName);

  Workbench& bench_;
  WindowOptions options_;
  RunController* runner_ = nullptr;
  SymbolBrowser* symbols_ = nullptr;
  PipelineEditor* pipeline_ = nullptr;
  JobsPanel* jobs_ = nullptr;
  ChartPanel* charts_ = nullptr;
  DistributionView* distributions_ = nullptr;
  FeatureTableView* table_ = nullptr;
  QTabWidget* views_ = nullptr;
  QLabel* sourceLabel_ = nullptr;
  QLabel* cacheLabel_ = nullptr;
  QLabel* workersLabel_ = nullptr;
  bool firstRunDone_ = false;
};

}  // namespace strata::ui
