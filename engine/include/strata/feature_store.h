#pragma once
// What FeatureEngineer asks of a cache. The implementation (memory LRU + Redis) lives in the
// cache module; the engine only knows this interface, so it runs with no cache at all.
#include "strata/visibility.h"
#include "strata/fingerprint.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

/// Everything that changes a feature matrix: the cache key is derived from all of it.
struct STRATA_ENGINE_EXPORT FeatureRequest {
  QString symbol;
  Timeframe timeframe = Timeframe::fromSeconds(60);
  int lookbackDays = 0;           // 0: all bars
  bool normalize = true;          // false: the raw values (Pipeline::computeRaw)
  bool aligned = false;           // the aligned multi-timeframe matrix, not one timeframe's
  QStringList alignedTimeframes;  // for aligned: every timeframe joined, in order
  const Pipeline* pipeline = nullptr;  // canonical config, plugin ids and versions
  BarsFingerprint input;          // of the bars the matrix is computed from

  // How the lookup may wait for another process computing the same matrix (not in the key):
  /// Set: the wait ends with PipelineCancelled (within about 50 ms).
  const std::atomic_bool* cancel = nullptr;
  /// Told what the lookup waits for and what it does about it ("waiting for another process
  /// computing ..."), from the calling thread; null: the store's own warnings say it.
  std::function<void(const QString&)> notice;
};

using SharedFeatureSet = std::shared_ptr<const FeatureSet>;

class STRATA_ENGINE_EXPORT FeatureStore {
 public:
  virtual ~FeatureStore() = default;
  /// Returns the cached matrix, or runs `compute` (at most once across threads and processes
  /// for one key), stores and returns its result. Sets *hit when served from a tier.
  /// Exceptions from `compute` propagate and nothing is stored. Cache faults never throw:
  /// they degrade to computing. A wait for another process ends on request.cancel
  /// (PipelineCancelled) and after a bound (computed here).
  virtual SharedFeatureSet getOrCompute(const FeatureRequest& request,
                                        const std::function<FeatureSet()>& compute,
                                        bool* hit) = 0;
};

}  // namespace strata
