// FeatureEngineer: the symbol's finest stored bars are loaded ONCE and every coarser timeframe is
// resampled from them in the engine (one parse or transfer instead of one per timeframe, every
// timeframe consistent with the others: a 1h bar is exactly the 1m bars joined beside it in the
// aligned matrix, and one fingerprint describes the aligned matrix's input).
// Timeframes run concurrently, each coordinated by its own thread, and all their columns are
// computed on one QThreadPool per call (RunOptions::pool): concurrent timeframes never start
// more worker threads than asked for, and the finest timeframe's many columns spread over the
// workers the coarse ones leave free.
#include "strata/feature_engineer.h"

#include "strata/aligned_matrix.h"
#include "strata/cancel_scope.h"
#include "strata/resampler.h"
#include "task_threads.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <chrono>
#include <thread>

namespace strata {

QString jobStageName(JobStage stage) {
  switch (stage) {
    case JobStage::Queued: return QStringLiteral("queued");
    case JobStage::Loading: return QStringLiteral("loading");
    case JobStage::CacheLookup: return QStringLiteral("cache lookup");
    case JobStage::Computing: return QStringLiteral("computing");
    case JobStage::Storing: return QStringLiteral("storing");
    case JobStage::Done: return QStringLiteral("done");
    case JobStage::CacheHit: return QStringLiteral("cache hit");
    case JobStage::Failed: return QStringLiteral("failed");
    case JobStage::Cancelled: return QStringLiteral("cancelled");
  }
  return QStringLiteral("unknown");
}

struct FeatureEngineer::BaseBars {
  Bars bars;                             // the loaded timeframe, from the earliest start needed
  Timeframe timeframe = Timeframe::fromSeconds(60);
  std::optional<Timestamp> windowStart;  // the lookback window, nullopt: all bars
  QStringList warnings;
};

namespace {

constexpr Timestamp kDayMicros = 86'400LL * 1'000'000;
// Loading cannot be interrupted, so the caller waits for it in slices this long, checking
// cancellation between them.
constexpr auto kCancelPoll = std::chrono::milliseconds(10);

// The data's fault, not the server's (which failed the work: TimeframeResult::dataError false).
bool isDataFault(const DataError& e) { return !dynamic_cast<const SourceFailure*>(&e); }

bool cancelled(const GenerateOptions& options) {
  return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

void report(const GenerateOptions& options, const Timeframe& tf, JobStage stage, int done = 0,
            int total = 0, const QString& note = {}) {
  if (options.progress) options.progress(JobProgress{tf, stage, done, total, note});
}

// A cache lookup that may wait for another process: it ends on the run's cancel, and what it
// waits for reaches the user as a note on `tf`'s progress.
void letLookupWait(FeatureRequest& request, const GenerateOptions& options, const Timeframe& tf) {
  request.cancel = options.cancel;
  request.notice = [&options, tf](const QString& note) { report(options, tf, JobStage::CacheLookup, 0, 0, note); };
}

// Loads run here, not on the caller's pool: a caller that gives up on cancellation must not
// leave a pool thread behind, and a caller that is itself a pool thread must not wait for a
// task queued behind it. (Under ThreadSanitizer a load has a thread of its own: task_threads.h.)
QThreadPool* loaderPool() {
  static QThreadPool pool;
  return &pool;
}

int workers(const GenerateOptions& options) {
  if (!options.parallel) return 1;
  return options.threads > 0 ? options.threads : QThread::idealThreadCount();
}

// The features of a runKeepingRaw(); its raw set goes to *raw.
FeatureSet splitRaw(FeaturesWithRaw both, std::optional<FeatureSet>* raw) {
  *raw = std::move(both.raw);
  return std::move(both.features);
}

bool canMake(const Timeframe& wanted, const Timeframe& from) {
  return wanted.seconds() % from.seconds() == 0;
}

// The bars of `tf`: the base bars from tf's first bucket on, resampled unless tf is the base's.
// Holds either a pointer to the base (no copy) or its own bars.
struct TimeframeBars {
  Bars owned;
  const Bars* bars = nullptr;
};

TimeframeBars barsFor(const Bars& base, const Timeframe& baseTf, const Timeframe& tf,
                      const std::optional<Timestamp>& windowStart) {
  TimeframeBars out;
  Eigen::Index begin = 0;
  if (windowStart) {
    const auto& ts = base.timestamps;
    begin = std::lower_bound(ts.begin(), ts.end(), tf.bucketStart(*windowStart)) - ts.begin();
  }
  if (tf == baseTf && begin == 0) {
    out.bars = &base;
    return out;
  }
  if (tf == baseTf) out.owned = base.slice(begin, base.size());
  else if (begin == 0) out.owned = resample(base, tf);
  else out.owned = resample(base.slice(begin, base.size()), tf);
  out.bars = &out.owned;
  return out;
}

}  // namespace

FeatureEngineer::FeatureEngineer(std::shared_ptr<const DataSource> source, Pipeline pipeline,
                                 std::shared_ptr<FeatureStore> store)
    : source_(std::move(source)), pipeline_(std::move(pipeline)), store_(std::move(store)) {}

std::optional<Timestamp> FeatureEngineer::windowStart(const SymbolInfo& info, int lookbackDays) {
  if (lookbackDays <= 0) return std::nullopt;
  const Timestamp barLength = info.nativeTimeframe ? info.nativeTimeframe->durationMicros() : 0;
  return info.last + barLength - lookbackDays * kDayMicros;
}

FeatureEngineer::BaseBars FeatureEngineer::loadBase(const QString& symbol,
                                                    const std::vector<Timeframe>& timeframes,
                                                    int lookbackDays,
                                                    const GenerateOptions& options) const {
  if (lookbackDays < 0)
    throw DataError(QStringLiteral("lookback days must be 0 (every bar) or more, not %1").arg(lookbackDays).toStdString());
  auto load = [source = source_, symbol, timeframes, lookbackDays, cancel = options.cancel]() {
    const CancelScope scope(cancel);  // a source waiting on a server gives up when cancelled
    BaseBars base;
    const std::optional<SymbolInfo> info = source->symbolInfo(symbol);
    if (!info)
      throw DataError(QStringLiteral("no data for symbol '%1' in %2").arg(symbol, source->describe()).toStdString());
    base.timeframe = info->nativeTimeframe ? *info->nativeTimeframe
                                           : *std::min_element(timeframes.begin(), timeframes.end());
    base.windowStart = windowStart(*info, lookbackDays);
    TimeRange range;
    for (const Timeframe& tf : timeframes)
      if (base.windowStart && canMake(tf, base.timeframe)) {
        const Timestamp start = tf.bucketStart(*base.windowStart);
        range.from = range.from ? std::min(*range.from, start) : start;
      }
    base.bars = source->loadBars(symbol, base.timeframe, range, &base.warnings);
    return base;
  };
  BackgroundTask<BaseBars> loading(loaderPool(), std::move(load));
  while (!loading.isFinished()) {
    if (cancelled(options)) throw PipelineCancelled();
    std::this_thread::sleep_for(kCancelPoll);
  }
  return loading.takeResult();
}

TimeframeResult FeatureEngineer::runTimeframe(const QString& symbol, const Timeframe& tf,
                                              int lookbackDays, const BaseBars& base,
                                              const GenerateOptions& options,
                                              QThreadPool* pool) const {
  QElapsedTimer timer;
  timer.start();
  TimeframeResult result;
  result.timeframe = tf;
  if (cancelled(options)) throw PipelineCancelled();
  if (!canMake(tf, base.timeframe))
    throw DataError(QStringLiteral("cannot make %1 bars of '%2' from its stored %3 bars (%4): only "
                                   "a coarser timeframe that the stored one divides can be made")
                        .arg(tf.name(), symbol, base.timeframe.name(), source_->describe())
                        .toStdString());
  report(options, tf, JobStage::Loading);
  const TimeframeBars bars = barsFor(base.bars, base.timeframe, tf, base.windowStart);
  if (bars.bars->size() == 0)
    throw DataError(QStringLiteral("no %1 bars of '%2' in the lookback window").arg(tf.name(), symbol).toStdString());
  if (options.barsReady) options.barsReady(tf, *bars.bars);

  RunOptions run;
  run.pool = pool;
  run.cancel = options.cancel;
  run.progress = [&](int done, int total) { report(options, tf, JobStage::Computing, done, total); };
  std::optional<FeatureSet> rawOfRun;  // keepRaw: computed with the normalised features
  const bool rawApart = options.keepRaw && options.normalize && !pipeline_.runGivesRaw();
  auto compute = [&]() {
    report(options, tf, JobStage::Computing, 0, 0);
    FeatureSet features = !options.normalize ? pipeline_.computeRaw(*bars.bars, run)
                          : rawApart         ? splitRaw(pipeline_.runKeepingRaw(*bars.bars, run), &rawOfRun)
                                             : pipeline_.run(*bars.bars, run);
    if (store_) report(options, tf, JobStage::Storing);
    return features;
  };
  result.input = fingerprint(*bars.bars);
  if (store_) {
    report(options, tf, JobStage::CacheLookup);
    FeatureRequest request;
    request.symbol = symbol;
    request.timeframe = tf;
    request.lookbackDays = lookbackDays;
    request.normalize = options.normalize;
    request.pipeline = &pipeline_;
    request.input = result.input;
    letLookupWait(request, options, tf);
    bool hit = false;
    result.features = store_->getOrCompute(request, compute, &hit);
    result.fromCache = hit;
    if (rawApart) {
      // Under the raw key: the set computed beside the features, or after a hit computeRaw's.
      request.normalize = false;
      bool rawHit = false;
      result.raw = store_->getOrCompute(request, [&] {
        return rawOfRun ? std::move(*rawOfRun) : pipeline_.computeRaw(*bars.bars, run);
      }, &rawHit);
    }
  } else {
    result.features = std::make_shared<const FeatureSet>(compute());
  }
  if (options.keepRaw && !result.raw)
    result.raw = rawOfRun ? std::make_shared<const FeatureSet>(std::move(*rawOfRun)) : result.features;
  report(options, tf, result.fromCache ? JobStage::CacheHit : JobStage::Done);
  result.millis = timer.elapsed();
  return result;
}

TimeframeResult FeatureEngineer::generateFeatures(const QString& symbol, const Timeframe& timeframe,
                                                  int lookbackDays,
                                                  const GenerateOptions& options) const {
  QThreadPool pool;
  pool.setMaxThreadCount(workers(options));
  report(options, timeframe, JobStage::Loading);
  try {
    const BaseBars base = loadBase(symbol, {timeframe}, lookbackDays, options);
    TimeframeResult result = runTimeframe(symbol, timeframe, lookbackDays, base, options, &pool);
    result.warnings = base.warnings;
    return result;
  } catch (const PipelineCancelled&) {
    report(options, timeframe, JobStage::Cancelled);
    throw;
  } catch (...) {
    report(options, timeframe, JobStage::Failed);
    throw;
  }
}

MultiTimeframeResult FeatureEngineer::generateMultiTimeframeFeatures(
    const QString& symbol, const std::vector<Timeframe>& timeframes, int lookbackDays,
    const GenerateOptions& options) const {
  MultiTimeframeResult result;
  result.perTimeframe.resize(timeframes.size());
  for (std::size_t i = 0; i < timeframes.size(); ++i) {
    result.perTimeframe[i].timeframe = timeframes[i];
    report(options, timeframes[i], JobStage::Queued);
  }
  if (timeframes.empty()) return result;

  auto fail = [&](std::size_t i, const QString& error, JobStage stage, bool dataError = false) {
    result.perTimeframe[i].features.reset();
    result.perTimeframe[i].error = error;
    result.perTimeframe[i].dataError = dataError;
    report(options, timeframes[i], stage);
  };
  for (const Timeframe& tf : timeframes) report(options, tf, JobStage::Loading);
  BaseBars base;
  try {
    base = loadBase(symbol, timeframes, lookbackDays, options);
    result.warnings = base.warnings;
  } catch (const PipelineCancelled&) {
    for (std::size_t i = 0; i < timeframes.size(); ++i) fail(i, QStringLiteral("cancelled"), JobStage::Cancelled);
    return result;
  } catch (const DataError& e) {
    for (std::size_t i = 0; i < timeframes.size(); ++i)
      fail(i, QString::fromUtf8(e.what()), JobStage::Failed, isDataFault(e));
    return result;
  } catch (const std::exception& e) {
    for (std::size_t i = 0; i < timeframes.size(); ++i) fail(i, QString::fromUtf8(e.what()), JobStage::Failed);
    return result;
  }

  QThreadPool pool;
  pool.setMaxThreadCount(workers(options));
  auto runOne = [&](std::size_t i) {
    try {
      result.perTimeframe[i] = runTimeframe(symbol, timeframes[i], lookbackDays, base, options, &pool);
    } catch (const PipelineCancelled&) {
      fail(i, QStringLiteral("cancelled"), JobStage::Cancelled);
    } catch (const DataError& e) {
      fail(i, QString::fromUtf8(e.what()), JobStage::Failed, isDataFault(e));
    } catch (const std::exception& e) {
      fail(i, QString::fromUtf8(e.what()), JobStage::Failed);
    }
  };
  if (!options.parallel) {
    for (std::size_t i = 0; i < timeframes.size(); ++i) runOne(i);
  } else {
    // One coordinating thread per timeframe; the work (every column of every timeframe) goes
    // to the one pool. The coordinators mostly wait: a pipeline blocks until its columns are
    // done, and blocking inside a pool task on work queued to the same pool would deadlock.
    std::vector<std::thread> coordinators;
    coordinators.reserve(timeframes.size());
    for (std::size_t i = 0; i < timeframes.size(); ++i) coordinators.emplace_back(runOne, i);
    for (std::thread& t : coordinators) t.join();
  }

  if (!options.aligned) return result;
  std::vector<TimeframeFeatures> parts;
  QStringList failed;
  for (const TimeframeResult& r : result.perTimeframe) {
    if (r.features) parts.push_back({r.timeframe, r.features.get()});
    else failed << QStringLiteral("%1 (%2)").arg(r.timeframe.name(), r.error);
  }
  if (!failed.isEmpty()) {
    result.alignedError = QStringLiteral("the aligned matrix needs every timeframe; failed: %1").arg(failed.join(QStringLiteral("; ")));
    return result;
  }
  if (cancelled(options)) {
    result.alignedError = QStringLiteral("cancelled");
    return result;
  }
  auto align = [&parts] { return alignTimeframes(parts); };
  result.alignedInput = fingerprint(base.bars);
  try {
    if (store_) {
      FeatureRequest request;
      request.symbol = symbol;
      request.timeframe = *std::min_element(timeframes.begin(), timeframes.end());
      request.lookbackDays = lookbackDays;
      request.normalize = options.normalize;
      request.aligned = true;
      for (const Timeframe& tf : timeframes) request.alignedTimeframes << tf.name();
      request.pipeline = &pipeline_;
      request.input = result.alignedInput;
      letLookupWait(request, options, request.timeframe);
      bool hit = false;
      result.aligned = store_->getOrCompute(request, align, &hit);
    } else {
      result.aligned = std::make_shared<const FeatureSet>(align());
    }
  } catch (const std::exception& e) {
    result.alignedError = QString::fromUtf8(e.what());
  }
  return result;
}

}  // namespace strata
