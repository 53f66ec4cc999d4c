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

/// The chart of one successful timeframe, over the rows its features cover.
std::shared_ptr<const ChartData> chartFor(const DataSource& source, const RunRequest& request,
                                          const TimeframeResult& result,
                                          const PluginRegistry& registry,
                                          const std::atomic_bool* cancel) {
  const std::vector<Timestamp>& rows = result.features->timestamps;
  TimeRange range;
  if (!rows.empty()) {
    range.from = rows.front();
    range.to = rows.back() + 1;
  }
  Bars bars = source.loadBars(request.symbol, result.timeframe, range);
  return computeChartData(std::move(bars), result.timeframe, request.config, registry, cancel);
}

/// The first timeframe's chart over the run's lookback window, before any feature exists.
std::shared_ptr<const ChartData> earlyChartFor(const DataSource& source, const RunRequest& request,
                                               const PluginRegistry& registry,
                                               const std::atomic_bool* cancel) {
  const std::optional<SymbolInfo> info = source.symbolInfo(request.symbol);
  if (!info) return nullptr;
  TimeRange range;
  range.from = FeatureEngineer::windowStart(*info, request.lookbackDays);
  Bars bars = source.loadBars(request.symbol, request.timeframes.front(), range);
  if (bars.size() == 0) return nullptr;
  return computeChartData(std::move(bars), request.timeframes.front(), request.config, registry, cancel);
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
  options.progress = [self](const JobProgress& p) {
    // From a worker thread: queue onto the controller's (GUI) thread.
    QMetaObject::invokeMethod(
        self.data(), [self, p] { if (self) emit self->progress(p); }, Qt::QueuedConnection);
  };
  const PluginRegistry* registry = &registry_;
  std::shared_ptr<const DataSource> source = source_;
  std::shared_ptr<std::atomic_bool> cancelFlag = cancel_;
  running_ = true;
  emit started(request);
  watcher_.setFuture(QtConcurrent::run(&runPool_, [self, engineer, source, registry, cancelFlag, request, options] {
    auto outcome = std::make_shared<RunOutcome>();
    outcome->request = request;
    QElapsedTimer timer;
    timer.start();
    std::shared_ptr<const ChartData> early;
    try {
      early = earlyChartFor(*source, request, *registry, cancelFlag.get());
      if (early)
        QMetaObject::invokeMethod(
            self.data(), [self, early] { if (self) emit self->earlyChart(early); }, Qt::QueuedConnection);
    } catch (const std::exception&) {
      // Not fatal: the run reports the same problem for the timeframe, and its chart follows.
    }
    try {
      outcome->result = engineer->generateMultiTimeframeFeatures(
          request.symbol, request.timeframes, request.lookbackDays, options);
    } catch (const std::exception& e) {
      outcome->error = QString::fromUtf8(e.what());
    }
    for (const TimeframeResult& result : outcome->result.perTimeframe) {
      std::shared_ptr<const ChartData> chart;
      QString chartError;
      const bool sameRows = early && result.features && result.timeframe == early->timeframe &&
                            result.features->timestamps == early->bars.timestamps;
      if (sameRows) {
        chart = early;  // the early chart covers exactly the rows of the features
      } else if (result.features && !cancelFlag->load()) {
        try {
          chart = chartFor(*source, request, result, *registry, cancelFlag.get());
        } catch (const std::exception& e) {
          chartError = QString::fromUtf8(e.what());
        }
      }
      outcome->charts.push_back(std::move(chart));
      outcome->chartErrors << chartError;
    }
    outcome->cancelled = cancelFlag->load();
    outcome->millis = timer.elapsed();
    return std::shared_ptr<const RunOutcome>(std::move(outcome));
  }));
  return true;
}

}  // namespace strata::ui
