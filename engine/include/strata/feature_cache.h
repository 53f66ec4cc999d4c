#pragma once
// The original spec's FeatureStoreCache (docs/spec.md): an in-process LRU bounded in bytes in
// front of Redis (hiredis) with a TTL. Keys are content-addressed (docs/cache.md): the symbol,
// timeframe, lookback, aligned flag, canonical pipeline config, every plugin id and version and
// a fingerprint of the input bars, so a changed parameter or new bars can never hit an old entry.
//
// Cache faults never throw and never stop a computation: a dead, slow or refusing Redis
// degrades to the memory tier with a warning (status(), warnings(), the warning handler) and
// is retried with exponential backoff. Corrupt values are misses and are deleted.
#include "strata/visibility.h"
#include "strata/app_settings.h"
#include "strata/feature_store.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace strata {

enum class CacheTier { None, Memory, Redis };
STRATA_ENGINE_EXPORT QString cacheTierName(CacheTier tier);  // "none", "memory", "redis"

/// One getOrCompute / getFrame, reported to the event handler (from the calling thread).
struct STRATA_ENGINE_EXPORT CacheEvent {
  QString symbol;
  QString timeframe;  // Timeframe::name()
  bool aligned = false;  // the aligned multi-timeframe matrix
  QString key;
  CacheTier servedFrom = CacheTier::None;  // None: computed here
  bool waitedForOther = false;             // another thread or process computed it
  qint64 millis = 0;
};

struct STRATA_ENGINE_EXPORT CacheTierStats {
  qint64 hits = 0;
  qint64 misses = 0;
  qint64 entries = 0;  // memory: entries held now; redis: values stored by this process
  qint64 bytes = 0;    // memory: bytes held now; redis: bytes written by this process
};

struct STRATA_ENGINE_EXPORT CacheStats {
  CacheTierStats memory;
  CacheTierStats redis;
  qint64 computations = 0;    // runs of `compute`
  qint64 corruptValues = 0;   // refused and deleted
  qint64 redisFailures = 0;   // commands or connections that failed
  qint64 bytesRead = 0;       // from redis
  qint64 transferNanos = 0;   // of Redis reads: waiting for and parsing replies
  qint64 decodeNanos = 0;     // of Redis reads: checksums, decompression, copies into matrices
};

/// What `strata-cli cache stats` reports: Strata's keys in the Redis database.
struct STRATA_ENGINE_EXPORT RedisUsage {
  qint64 values = 0;   // manifests (one per cached matrix or feature)
  qint64 chunks = 0;   // chunk keys of large values
  qint64 locks = 0;    // computation locks held right now
  qint64 bytes = 0;    // STRLEN over all of them
};

struct STRATA_ENGINE_EXPORT FeatureCacheOptions {
  qint64 chunkBytes = qint64{1} << 20;    // values above this are split across keys (see docs/cache.md)
  bool compress = false;                  // zstd level 1 per chunk (kept only when smaller); also on
                                          // when the settings' cache.compress is true
  int lockTtlMs = 15'000;                 // a dead holder blocks others at most this long
  int lockPollMaxMs = 200;                // waiters poll with backoff up to this interval
  int announceWaitMs = 1000;              // a wait longer than this is told (FeatureRequest::notice);
                                          // the settings' lock_wait_s bounds it
  int reconnectFirstMs = 250;             // backoff after Redis fails, doubling ...
  int reconnectMaxMs = 30'000;            // ... up to this
  int maxIdleConnections = 4;
  qint64 maxValueBytes = qint64{64} << 30;  // a manifest claiming more is refused
};

class STRATA_ENGINE_EXPORT FeatureCache : public FeatureStore {
 public:
  /// Nothing connects here: Redis is contacted on first use. The password, if any, comes from
  /// the environment variable settings.redisPasswordEnv names.
  explicit FeatureCache(const CacheSettings& settings, FeatureCacheOptions options = {});
  ~FeatureCache() override;
  FeatureCache(const FeatureCache&) = delete;
  FeatureCache& operator=(const FeatureCache&) = delete;

  SharedFeatureSet getOrCompute(const FeatureRequest& request,
                                const std::function<FeatureSet()>& compute, bool* hit) override;
  /// As above, also telling which tier served it (None: computed).
  SharedFeatureSet getOrCompute(const FeatureRequest& request,
                                const std::function<FeatureSet()>& compute, CacheTier* tier);

  // The original spec's get/set API (docs/spec.md). A frame is a whole FeatureSet; a feature
  // one named column keyed by its parameters. ttlSeconds defaults to the settings' redis_cache_ttl.
  SharedFeatureSet getFrame(const FeatureRequest& request, CacheTier* tier = nullptr);
  void setFrame(const FeatureRequest& request, SharedFeatureSet frame, int ttlSeconds = 0);
  std::optional<Eigen::VectorXd> getFeature(const QString& name, const QVariantMap& params);
  void setFeature(const QString& name, const QVariantMap& params, const Eigen::VectorXd& values,
                  int ttlSeconds = 0);

  /// strata:v1:features:{symbol}:{timeframe}:{sha256 hex}
  static QString keyFor(const FeatureRequest& request);
  /// strata:v1:feature:{name}:{sha256 hex of the canonical parameters}
  static QString featureKeyFor(const QString& name, const QVariantMap& params);
  /// The symbol as it appears in keys: percent-encoded outside [A-Za-z0-9._~-].
  static QString keySymbol(const QString& symbol);
  static QString keyPrefix();  // "strata:v1:"

  /// Drops the memory tier and deletes Strata's Redis keys (all, or one symbol's) with
  /// SCAN + UNLINK; never FLUSHDB. Returns the number of Redis keys removed, -1 on failure.
  qint64 clear(const QString& symbol = {}, QString* error = nullptr);
  std::optional<RedisUsage> redisUsage(QString* error);

  CacheStats stats() const;
  /// One line for a status bar or stderr: tiers, sizes, Redis state.
  QString status() const;
  /// Warnings so far (Redis lost, corrupt values, ...), oldest first, the last 50.
  QStringList warnings() const;
  bool redisAvailable() const;
  /// False when the settings turned Redis off (or the whole cache): nothing to connect to.
  bool redisConfigured() const;

  /// The TTL (seconds) of the next stores that do not pass their own; starts at the settings'
  /// redis_cache_ttl. Thread-safe: the GUI changes it while workers store. Values outside
  /// [1, kMaxRedisTtlSeconds] are clamped. settings() keeps the value the cache was built with.
  int redisTtl() const;
  void setRedisTtl(int seconds);
  static constexpr int kMaxRedisTtlSeconds = 365 * 24 * 3600;

  /// Called from the thread that saw it; keep handlers short and thread-safe.
  void setWarningHandler(std::function<void(const QString&)> handler);
  void setEventHandler(std::function<void(const CacheEvent&)> handler);

  const CacheSettings& settings() const { return settings_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  CacheSettings settings_;
};

}  // namespace strata
