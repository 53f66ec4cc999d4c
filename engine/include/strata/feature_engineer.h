#pragma once
// The original spec's FeatureEngineer (docs/spec.md): bars from a DataSource, through the
// Pipeline, per timeframe, on a thread pool, optionally through a FeatureStore; plus the aligned
// multi-timeframe matrix (base-timeframe rows, each higher timeframe from its latest bar CLOSED
// by then).
// The GUI and strata-cli are two thin drivers of this class.
#include "strata/visibility.h"
#include "strata/data_source.h"
#include "strata/feature_store.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

namespace strata {

enum class JobStage { Queued, Loading, CacheLookup, Computing, Storing, Done, CacheHit, Failed, Cancelled };
STRATA_ENGINE_EXPORT QString jobStageName(JobStage stage);

struct STRATA_ENGINE_EXPORT JobProgress {
  Timeframe timeframe = Timeframe::fromSeconds(60);
  JobStage stage = JobStage::Queued;
  int done = 0;   // within the stage (columns computed, ...)
  int total = 0;
  /// For the user, when the stage waits or changes course ("waiting for another process
  /// computing ..."); empty for plain progress.
  QString note;
};

struct STRATA_ENGINE_EXPORT TimeframeResult {
  Timeframe timeframe = Timeframe::fromSeconds(60);
  SharedFeatureSet features;  // null when the timeframe failed or was cancelled
  /// GenerateOptions::keepRaw: the same run's values before normalisation (computeRaw's set;
  /// its columns open..volume and timestamps are the bars it computed from). The same set as
  /// `features` when those are raw already.
  SharedFeatureSet raw;
  QString error;              // why it failed, for the user
  bool dataError = false;     // it failed on the data (a DataError: not loadable, cannot be made;
                              // not a SourceFailure, the server's)
  bool fromCache = false;
  qint64 millis = 0;
  QStringList warnings;       // generateFeatures: the data source's (rows dropped, repaired)
  BarsFingerprint input;      // of the bars the features were computed from (provenance)
};

struct STRATA_ENGINE_EXPORT MultiTimeframeResult {
  std::vector<TimeframeResult> perTimeframe;  // in the order asked
  SharedFeatureSet aligned;  // when asked for and every timeframe succeeded
  QString alignedError;
  QStringList warnings;      // the data source's, once for all timeframes
  BarsFingerprint alignedInput;  // of the loaded base bars every timeframe was made from
};

struct STRATA_ENGINE_EXPORT GenerateOptions {
  int threads = 0;                 // 0: all cores
  bool parallel = true;            // timeframes concurrently (and columns within each)
  bool aligned = false;            // also build the aligned matrix
  bool normalize = true;           // false: raw feature values
  /// Also keep the raw values of the same computation in TimeframeResult::raw (the GUI's charts).
  /// Costs a float64 matrix of rows x columns beside the features (Pipeline::runKeepingRaw:
  /// 2.85 GB for a year of 1m bars through the default pipeline), none when the features are raw.
  /// With a store, the raw set is cached under its own key (the normalize=false one).
  bool keepRaw = false;
  const std::atomic_bool* cancel = nullptr;  // honoured within 100 ms
  std::function<void(const JobProgress&)> progress;  // from worker threads
  /// Called once per timeframe with the bars its features are about to be computed from (from a
  /// worker thread; the reference is valid during the call only): a GUI draws them meanwhile.
  std::function<void(const Timeframe&, const Bars&)> barsReady;
};

class STRATA_ENGINE_EXPORT FeatureEngineer {
 public:
  /// `store` may be null (no cache). The engineer does not own the pipeline's registry.
  FeatureEngineer(std::shared_ptr<const DataSource> source, Pipeline pipeline,
                  std::shared_ptr<FeatureStore> store = nullptr);

  /// lookbackDays counts back from the symbol's LAST bar (bundled data is historical);
  /// 0 means every bar. Throws DataError / PipelineError / PipelineCancelled.
  TimeframeResult generateFeatures(const QString& symbol, const Timeframe& timeframe,
                                   int lookbackDays, const GenerateOptions& options = {}) const;

  /// A failed timeframe reports its error in its result; the others still return.
  MultiTimeframeResult generateMultiTimeframeFeatures(const QString& symbol,
                                                      const std::vector<Timeframe>& timeframes,
                                                      int lookbackDays,
                                                      const GenerateOptions& options = {}) const;

  const Pipeline& pipeline() const { return pipeline_; }
  const DataSource& source() const { return *source_; }

  /// The first bar time each timeframe covers for a lookback: the lookback window starts
  /// lookbackDays before the end of the symbol's last bar, and each timeframe starts at the
  /// bucket holding that instant, so its first bar is complete. nullopt: every bar.
  static std::optional<Timestamp> windowStart(const SymbolInfo& info, int lookbackDays);

 private:
  struct BaseBars;
  BaseBars loadBase(const QString& symbol, const std::vector<Timeframe>& timeframes,
                    int lookbackDays, const GenerateOptions& options) const;
  TimeframeResult runTimeframe(const QString& symbol, const Timeframe& timeframe, int lookbackDays,
                               const BaseBars& base, const GenerateOptions& options,
                               QThreadPool* pool) const;

  std::shared_ptr<const DataSource> source_;
  Pipeline pipeline_;
  std::shared_ptr<FeatureStore> store_;
};

}  // namespace strata
