#pragma once
// Runs FeatureEngineer::generateMultiTimeframeFeatures off the GUI thread (QtConcurrent) and
// hands the results back on it. Job progress arrives from worker threads and is delivered to
// the GUI thread with queued invocations; Cancel sets the flag the engine polls.
// The run keeps its raw values (GenerateOptions::keepRaw), and every timeframe's chart
// (chart_data.h) is made from them: the very bars and raw outputs of the run, no second pipeline.
// While the features are computed, the first timeframe's bars are charted (earlyChart).
#include "chart_data.h"
#include "strata/data_source.h"
#include "strata/feature_engineer.h"
#include "strata/feature_store.h"
#include "strata/pipeline_config.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

struct RunRequest {
  QString symbol;
  std::vector<Timeframe> timeframes;
  int lookbackDays = 0;
  bool aligned = false;
  PipelineConfig config;
};

struct RunOutcome {
  RunRequest request;
  MultiTimeframeResult result;
  /// Per timeframe, in request order: null when the timeframe failed.
  std::vector<std::shared_ptr<const ChartData>> charts;
  QString error;            // the run as a whole failed (pipeline could not be built, ...)
  bool cancelled = false;
  qint64 millis = 0;
};

class RunController : public QObject {
  Q_OBJECT
 public:
  RunController(std::shared_ptr<const DataSource> source, std::shared_ptr<FeatureStore> store,
                const PluginRegistry& registry, QObject* parent = nullptr);
  ~RunController() override;  // cancels and waits: workers never outlive what they use

  /// Starts a run; false (and *error) when one is running or the pipeline cannot be built.
  bool start(const RunRequest& request, QString* error);
  void cancel();
  bool isRunning() const;
  /// The last finished run's outcome (null before the first).
  std::shared_ptr<const RunOutcome> lastOutcome() const { return last_; }
  void releaseLastOutcome() { last_.reset(); }
  /// Threads busy in the engine's pool and the run's own (for the status bar).
  int busyWorkers() const;

 signals:
  void started(const strata::ui::RunRequest& request);
  void progress(const strata::JobProgress& progress);
  /// The first timeframe's bars, charted as soon as the run has them (its features follow).
  void earlyChart(std::shared_ptr<const strata::ui::ChartData> chart);
  void finished(std::shared_ptr<const strata::ui::RunOutcome> outcome);

 private:
  std::shared_ptr<const DataSource> source_;
  std::shared_ptr<FeatureStore> store_;
  const PluginRegistry& registry_;
  std::shared_ptr<std::atomic_bool> cancel_;
  // The run waits on the engine's tasks in the global pool; running it there too could take
  // the last free thread, so it has a pool of its own.
  QThreadPool runPool_;
  QFutureWatcher<std::shared_ptr<const RunOutcome>> watcher_;
  std::shared_ptr<const RunOutcome> last_;
  bool running_ = false;
};

}  // namespace strata::ui

Q_DECLARE_METATYPE(strata::JobProgress)
