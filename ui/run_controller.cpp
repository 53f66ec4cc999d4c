#include "run_controller.h"

#include "strata/plugin_registry.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::ui {
namespace {

QString joinDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  QStringList lines;
  for (const Diagnostic& d : diagnostics) lines << d.toString();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace

RunController::RunController(std::shared_ptr<const DataSource> source,
                             std::shared_ptr<FeatureStore> store, const PluginRegistry& registry,
                             QObject* parent)
    : QObject(parent), source_(std::move(source)), store_(std::move(store)), registry_(registry) {
  qRegisterMetaType<strata::JobProgress>();
  runPool_.setMaxThreadCount(1);
  connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
    running_ = false;  // cleared with the result in place, not when the worker returns
    last_ = watcher_.result();
    emit finished(last_);
  });
}

RunController::~RunController() {
  cancel();
  watcher_.waitForFinished();
}

bool RunController::isRunning() const { return running_; }

int RunController::busyWorkers() const {
  return QThreadPool::globalInstance()->activeThreadCount() + runPool_.activeThreadCount();
}

void RunController::cancel() {
  if (cancel_) cancel_->store(true);
}

bool RunController::start(const RunRequest& request, QString* error) {
  if (isRunning()) {
    *error = tr("a run is in progress");
    return false;
  }
  if (!source_) {
    *error = tr("no data source");
    return false;
  }
  std::vector<Diagnostic> diagnostics;
  std::optional<Pipeline> pipeline = Pipeline::build(request.config, registry_, &diagnostics);
  if (!pipeline) {
    *error = joinDiagnostics(diagnostics);
    return false;
  }
  cancel_ = std::make_shared<std::atomic_bool>(false);
  auto engineer = std::make_shared<FeatureEngineer>(source_, std::move(*pipeline), store_);
  QPointer<RunController> self(this);
  GenerateOptions options;
  options.aligned = request.aligned && request.timeframes.size() > 1;
  options.cancel = cancel_.get();
  options.keepRaw = true;  // the charts draw the run's own raw values
  options.barsReady = [self, first = request.timeframes.front()](const Timeframe& tf, const Bars& bars) {
    if (tf != first) return;
    std::shared_ptr<const ChartData> chart = chartOfBars(tf, bars);
    QMetaObject::invokeMethod(
        self.data(), [self, chart] { if (self) emit self->earlyChart(chart); }, Qt::QueuedConnection);
  };
  options.progress = [self](const JobProgress& p) {
    // From a worker thread: queue onto the controller's (GUI) thread.
    QMetaObject::invokeMethod(
        self.data(), [self, p] { if (self) emit self->progress(p); }, Qt::QueuedConnection);
  };
  std::shared_ptr<std::atomic_bool> cancelFlag = cancel_;
  running_ = true;
  emit started(request);
  watcher_.setFuture(QtConcurrent::run(&runPool_, [engineer, cancelFlag, request, options] {
    auto outcome = std::make_shared<RunOutcome>();
    outcome->request = request;
    QElapsedTimer timer;
    timer.start();
    try {
      outcome->result = engineer->generateMultiTimeframeFeatures(
          request.symbol, request.timeframes, request.lookbackDays, options);
    } catch (const std::exception& e) {
      outcome->error = QString::fromUtf8(e.what());
    }
    // Every timeframe's columns draw alike: one list, shared.
    const auto series = std::make_shared<const std::vector<ChartSeries>>(chartSeries(engineer->pipeline()));
    for (const TimeframeResult& result : outcome->result.perTimeframe)
      outcome->charts.push_back(result.features ? chartOf(result, series) : nullptr);
    outcome->cancelled = cancelFlag->load();
    outcome->millis = timer.elapsed();
    return std::shared_ptr<const RunOutcome>(std::move(outcome));
  }));
  return true;
}

}  // namespace strata::ui
