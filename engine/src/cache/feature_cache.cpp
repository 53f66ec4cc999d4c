// FeatureCache: memory tier, then Redis, then one computation per key across threads
// (in-process "flights") and across processes (a Redis lock with an owner token and expiry).
#include "strata/feature_cache.h"

#include "memory_lru.h"
#include "redis_values.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace strata {
using namespace cache;

QString cacheTierName(CacheTier tier) {
  switch (tier) {
    case CacheTier::Memory: return QStringLiteral("memory");
    case CacheTier::Redis: return QStringLiteral("redis");
    case CacheTier::None: break;
  }
  return QStringLiteral("none");
}

namespace {

constexpr int kWarningsKept = 50;
constexpr auto kCancelSlice = std::chrono::milliseconds(50);  // waits look at the cancel flag this often

bool cancelled(const FeatureRequest& request) {
  return request.cancel && request.cancel->load(std::memory_order_relaxed);
}

void throwIfCancelled(const FeatureRequest& request) {
  if (cancelled(request)) throw PipelineCancelled();
}

void sleepUnlessCancelled(const FeatureRequest& request, std::chrono::milliseconds duration) {
  for (auto left = duration; left.count() > 0; left -= kCancelSlice) {
    throwIfCancelled(request);
    std::this_thread::sleep_for(std::min(left, kCancelSlice));
  }
  throwIfCancelled(request);
}

// "AAPL 1d normalised features", "AAPL aligned 1h,1d raw features": what a wait is for.
QString describe(const FeatureRequest& request) {
  const QString frame = request.aligned ? QStringLiteral("aligned ") + request.alignedTimeframes.join(QLatin1Char(','))
                                        : request.timeframe.name();
  return QStringLiteral("%1 %2 %3 features")
      .arg(request.symbol, frame, request.normalize ? QStringLiteral("normalised") : QStringLiteral("raw"));
}

// One computation in progress in this process; other threads asking for its key wait on it.
struct Flight {
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false;
  SharedFeatureSet value;
  std::exception_ptr error;
};

// Waits for a flight's leader, ending on this request's own cancel. Null: the leader's run was
// cancelled and this one was not, so the caller looks again.
SharedFeatureSet follow(Flight& flight, const FeatureRequest& request) {
  std::unique_lock lock(flight.mutex);
  while (!flight.done.wait_for(lock, kCancelSlice, [&] { return flight.finished; })) throwIfCancelled(request);
  if (!flight.error) return flight.value;
  try {
    std::rethrow_exception(flight.error);
  } catch (const PipelineCancelled&) {
    if (cancelled(request)) throw;
  }
  return nullptr;
}

// Keeps a Redis lock alive while its owner computes: a holder that dies stops extending it and
// the lock expires within lockTtlMs.
class LockKeeper {
 public:
  LockKeeper(RedisPool& pool, QString lockKey, QByteArray token, int ttlMs)
      : pool_(pool), lockKey_(std::move(lockKey)), token_(std::move(token)), ttlMs_(ttlMs),
        thread_([this] { run(); }) {}
  ~LockKeeper() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(ttlMs_ / 3), [this] { return stop_; })) {
      lock.unlock();
      if (std::unique_ptr<RedisConnection> redis = pool_.acquire()) {
        QString error;
        extendLock(*redis, lockKey_, token_, ttlMs_, &error);
        pool_.release(std::move(redis), error);
      }
      lock.lock();
    }
  }
  RedisPool& pool_;
  QString lockKey_;
  QByteArray token_;
  int ttlMs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

QString humanBytes(qint64 bytes) { return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat); }

}  // namespace

struct FeatureCache::Impl {
  Impl(const CacheSettings& settings, const FeatureCacheOptions& opts, FeatureCache* owner)
      : options(opts), memory(static_cast<std::uint64_t>(std::max<qint64>(0, settings.memoryBytes))),
        ttl(settings.redisCacheTtl), lockWaitSeconds(std::max(1, settings.lockWaitSeconds)) {
    options.compress = opts.compress || settings.compress;
    if (settings.enabled && settings.redis) {
      RedisEndpoint endpoint;
      endpoint.host = settings.redisHost;
      endpoint.port = settings.redisPort;
      endpoint.db = settings.redisDb;
      endpoint.timeoutMs = settings.redisTimeoutMs;
      if (!settings.redisPasswordEnv.isEmpty()) endpoint.password = qgetenv(settings.redisPasswordEnv.toLocal8Bit().constData());
      pool = std::make_unique<RedisPool>(
          endpoint, options.maxIdleConnections,
          RedisPool::Backoff{std::chrono::milliseconds(options.reconnectFirstMs), std::chrono::milliseconds(options.reconnectMaxMs)},
          [owner](bool, const QString& message) { owner->impl_->warn(message); });
    }
  }

  void warn(const QString& message) {
    std::function<void(const QString&)> handler;
    {
      std::lock_guard lock(mutex);
      warnings.push_back(QDateTime::currentDateTimeUtc().toString(Qt::ISODate) + QLatin1Char(' ') + message);
      while (warnings.size() > kWarningsKept) warnings.pop_front();
      handler = warningHandler;
    }
    if (handler) handler(message);
  }

  void emitEvent(const CacheEvent& event) {
    std::function<void(const CacheEvent&)> handler;
    {
      std::lock_guard lock(mutex);
      handler = eventHandler;
    }
    if (handler) handler(event);
  }

  // Runs `use` on a pooled connection; false when Redis is unavailable or the use failed.
  template <typename Use>
  bool withRedis(Use use) {
    if (!pool) return false;
    std::unique_ptr<RedisConnection> redis = pool->acquire();
    if (!redis) return false;
    unlinkLeftBehind(*redis);
    QString error;
    const bool ok = use(*redis, &error);
    if (!ok && !error.isEmpty()) ++redisFailures;
    pool->release(std::move(redis), error);
    return ok;
  }

  SharedFeatureSet remember(const QString& key, FeatureSet features) {
    auto shared = std::make_shared<const FeatureSet>(std::move(features));
    memory.put(key, shared, featureSetBytes(*shared), std::chrono::seconds(ttl.load()));
    return shared;
  }

  // Redis GET of a value; a corrupt one is reported and already deleted. Polls while another
  // process computes are not counted as misses.
  SharedFeatureSet readRedis(const QString& key, bool counted = true) {
    SharedFeatureSet found;
    withRedis([&](RedisConnection& redis, QString* error) {
      LoadResult result = loadValue(redis, key, static_cast<std::uint64_t>(options.maxValueBytes));
      bytesRead += static_cast<qint64>(result.bytesRead);
      transferNanos += result.waitNanos;
      decodeNanos += result.decodeNanos;
      switch (result.status) {
        case LoadResult::Found: found = remember(key, std::move(*result.features)); return true;
        case LoadResult::Corrupt:
          ++corruptValues;
          warn(QStringLiteral("cache value refused: %1").arg(result.error));
          return true;
        case LoadResult::Failed: *error = result.error; return false;
        case LoadResult::Missing: return true;
      }
      return true;
    });
    if (pool && (found || counted)) ++(found ? redisHits : redisMisses);
    return found;
  }

  // Chunks of failed stores, unlinked on the next connection that works (a stalled server
  // leaves them on a connection that is gone).
  void unlinkLeftBehind(RedisConnection& redis) {
    std::vector<UnpublishedChunks> pending;
    {
      std::lock_guard lock(leftBehindMutex);
      pending.swap(leftBehind);
    }
    for (auto chunks = pending.begin(); chunks != pending.end(); ++chunks) {
      QString error;
      if (!unlinkUnpublished(redis, *chunks, &error)) {
        std::lock_guard lock(leftBehindMutex);
        leftBehind.insert(leftBehind.end(), chunks, pending.end());
        return;
      }
    }
  }

  void writeRedis(const QString& key, const FeatureSet& features, int ttlSeconds) {
    withRedis([&](RedisConnection& redis, QString* error) {
      std::uint64_t written = 0;
      StoreOptions store{static_cast<std::uint64_t>(options.chunkBytes), options.compress, ttlSeconds > 0 ? ttlSeconds : ttl.load()};
      std::optional<UnpublishedChunks> unpublished;
      const bool ok = storeValue(redis, key, features, store, &written, error, &unpublished);
      if (unpublished) {
        std::lock_guard lock(leftBehindMutex);
        leftBehind.push_back(std::move(*unpublished));
      }
      if (ok) ++redisStores, redisBytesWritten += static_cast<qint64>(written);
      else if (!redis.broken()) warn(QStringLiteral("cannot store %1 in redis: %2").arg(key, *error));
      return ok;
    });
  }

  void tell(const FeatureRequest& request, const QString& message) {
    if (request.notice) request.notice(message);
    else warn(message);
  }

  // Takes the computation lock, or waits while another process holds it, reading the value as
  // soon as that process stores it. Null: compute here (holding the lock when *locked; Redis
  // unavailable: at once). The wait is told after announceWaitMs, ends on the request's cancel
  // (PipelineCancelled), and after lock_wait_s computes here; a holder that dies stops renewing
  // its lock, which expires within lock_ttl.
  SharedFeatureSet awaitLock(const FeatureRequest& request, const QString& key, const QString& lockKey,
                             const QByteArray& token, bool* locked, bool* waited) {
    QElapsedTimer clock;
    clock.start();
    bool told = false, staleChecked = false;
    auto poll = std::chrono::milliseconds(2);
    for (;;) {
      throwIfCancelled(request);
      LockResult state = LockResult::Failed;
      withRedis([&](RedisConnection& redis, QString* error) {
        state = tryLock(redis, lockKey, token, options.lockTtlMs, error);
        return state != LockResult::Failed;
      });
      if (state != LockResult::Busy) {
        *locked = state == LockResult::Acquired;
        return nullptr;
      }
      *waited = true;
      if (!told && clock.elapsed() >= options.announceWaitMs) {
        told = true;
        tell(request, QStringLiteral("waiting for another process computing %1 (lock %2)").arg(describe(request), lockKey));
      }
      if (clock.elapsed() >= qint64{lockWaitSeconds} * 1000) {
        if (!staleChecked) {
          staleChecked = true;
          if (lockGoneOrStale(request, lockKey)) continue;  // take it
        }
        tell(request, QStringLiteral("waited %1 s for the process holding %2; computing %3 here")
                          .arg(lockWaitSeconds).arg(lockKey, describe(request)));
        return nullptr;
      }
      sleepUnlessCancelled(request, poll);
      poll = std::min(poll * 2, std::chrono::milliseconds(options.lockPollMaxMs));
      if (SharedFeatureSet found = readRedis(key, false)) return found;
    }
  }

  // At the end of the wait: a lock with no expiry, or one living longer than any holder renews
  // it to (lock_ttl), was not set by a live Strata holder: stale, deleted, and said so. True
  // when the lock is gone now (worth taking).
  bool lockGoneOrStale(const FeatureRequest& request, const QString& lockKey) {
    std::optional<long long> lockTtl;
    withRedis([&](RedisConnection& redis, QString* error) {
      lockTtl = removeLockIfStale(redis, lockKey, options.lockTtlMs, error);
      return lockTtl.has_value();
    });
    if (!lockTtl || (*lockTtl >= 0 && *lockTtl <= options.lockTtlMs)) return false;
    if (*lockTtl != -2)
      tell(request, QStringLiteral("lock %1 %2: stale after %3 s of waiting, removed")
                        .arg(lockKey, *lockTtl == -1 ? QStringLiteral("has no expiry")
                                                 : QStringLiteral("would live %1 s more").arg(*lockTtl / 1000))
                        .arg(lockWaitSeconds));
    return true;
  }

  // The leader of a flight: Redis, else the cross-process lock, else compute.
  SharedFeatureSet fetchOrCompute(const FeatureRequest& request, const QString& key,
                                  const std::function<FeatureSet()>& compute, CacheTier* tier, bool* waited) {
    if (SharedFeatureSet found = readRedis(key)) {
      *tier = CacheTier::Redis;
      return found;
    }
    const QString lockKey = lockKeyFor(key);
    const QByteArray token = QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    bool locked = false;
    if (SharedFeatureSet found = awaitLock(request, key, lockKey, token, &locked, waited)) {
      *tier = CacheTier::Redis;
      return found;
    }
    *tier = CacheTier::None;
    FeatureSet computed;
    {
      std::optional<LockKeeper> keeper;
      if (locked) keeper.emplace(*pool, lockKey, token, options.lockTtlMs);
      try {
        ++computations;
        computed = compute();
      } catch (...) {
        keeper.reset();
        if (locked) releaseLock(lockKey, token);
        throw;
      }
    }
    SharedFeatureSet shared = remember(key, std::move(computed));
    writeRedis(key, *shared, 0);
    if (locked) releaseLock(lockKey, token);
    return shared;
  }

  void releaseLock(const QString& lockKey, const QByteArray& token) {
    withRedis([&](RedisConnection& redis, QString* error) {
      deleteIfEquals(redis, lockKey, token, error);
      return error->isEmpty();
    });
  }

  FeatureCacheOptions options;
  MemoryLru memory;
  std::atomic<int> ttl;  // seconds; the GUI changes it while workers store
  const int lockWaitSeconds;  // the longest wait for another process's computation
  std::unique_ptr<RedisPool> pool;

  std::mutex flightsMutex;
  std::unordered_map<QString, std::shared_ptr<Flight>> flights;

  std::mutex leftBehindMutex;
  std::vector<UnpublishedChunks> leftBehind;

  mutable std::mutex mutex;  // warnings and handlers
  std::deque<QString> warnings;
  std::function<void(const QString&)> warningHandler;
  std::function<void(const CacheEvent&)> eventHandler;

  std::atomic<qint64> memoryHits{0}, memoryMisses{0}, redisHits{0}, redisMisses{0};
  std::atomic<qint64> computations{0}, corruptValues{0}, redisFailures{0}, bytesRead{0};
  std::atomic<qint64> transferNanos{0}, decodeNanos{0};
  std::atomic<qint64> redisStores{0}, redisBytesWritten{0};
};

FeatureCache::FeatureCache(const CacheSettings& settings, FeatureCacheOptions options)
    : impl_(std::make_unique<Impl>(settings, options, this)), settings_(settings) {}

FeatureCache::~FeatureCache() {
  // One last try for chunks a failed store left (bounded by timeout_ms; skipped while Redis is
  // in its backoff): after this process they would wait for their TTL.
  bool pending = false;
  {
    std::lock_guard lock(impl_->leftBehindMutex);
    pending = !impl_->leftBehind.empty();
  }
  if (pending) impl_->withRedis([](RedisConnection&, QString*) { return true; });
}

SharedFeatureSet FeatureCache::getOrCompute(const FeatureRequest& request, const std::function<FeatureSet()>& compute,
                                            bool* hit) {
  CacheTier tier = CacheTier::None;
  SharedFeatureSet result = getOrCompute(request, compute, &tier);
  if (hit) *hit = tier != CacheTier::None;
  return result;
}

SharedFeatureSet FeatureCache::getOrCompute(const FeatureRequest& request, const std::function<FeatureSet()>& compute,
                                            CacheTier* tier) {
  QElapsedTimer timer;
  timer.start();
  Impl& d = *impl_;
  CacheEvent event;
  event.symbol = request.symbol;
  event.timeframe = request.timeframe.name();
  event.aligned = request.aligned;
  event.key = keyFor(request);
  auto finish = [&](SharedFeatureSet value, CacheTier servedFrom) {
    event.servedFrom = servedFrom;
    event.millis = timer.elapsed();
    if (tier) *tier = servedFrom;
    d.emitEvent(event);
    return value;
  };
  if (!settings_.enabled) {
    ++d.computations;
    return finish(std::make_shared<const FeatureSet>(compute()), CacheTier::None);
  }
  if (SharedFeatureSet found = d.memory.get(event.key)) {
    ++d.memoryHits;
    return finish(std::move(found), CacheTier::Memory);
  }
  ++d.memoryMisses;

  std::shared_ptr<Flight> flight;
  for (;;) {
    bool leader = false;
    {
      std::lock_guard lock(d.flightsMutex);
      auto [it, inserted] = d.flights.try_emplace(event.key, nullptr);
      if (inserted) it->second = std::make_shared<Flight>();
      flight = it->second;
      leader = inserted;
    }
    if (leader) break;
    if (SharedFeatureSet value = follow(*flight, request)) {
      event.waitedForOther = true;
      return finish(std::move(value), CacheTier::Memory);
    }
  }
  auto land = [&](SharedFeatureSet value, std::exception_ptr error) {
    {
      std::lock_guard lock(d.flightsMutex);
      d.flights.erase(event.key);
    }
    {
      std::lock_guard lock(flight->mutex);
      flight->finished = true;
      flight->value = std::move(value);
      flight->error = error;
    }
    flight->done.notify_all();
  };
  try {
    CacheTier servedFrom = CacheTier::None;
    SharedFeatureSet value = d.fetchOrCompute(request, event.key, compute, &servedFrom, &event.waitedForOther);
    land(value, nullptr);
    return finish(std::move(value), servedFrom);
  } catch (...) {
    land(nullptr, std::current_exception());
    throw;
  }
}

SharedFeatureSet FeatureCache::getFrame(const FeatureRequest& request, CacheTier* tier) {
  const QString key = keyFor(request);
  if (tier) *tier = CacheTier::None;
  if (!settings_.enabled) return nullptr;
  if (SharedFeatureSet found = impl_->memory.get(key)) {
    ++impl_->memoryHits;
    if (tier) *tier = CacheTier::Memory;
    return found;
  }
  ++impl_->memoryMisses;
  SharedFeatureSet found = impl_->readRedis(key);
  if (found && tier) *tier = CacheTier::Redis;
  return found;
}

void FeatureCache::setFrame(const FeatureRequest& request, SharedFeatureSet frame, int ttlSeconds) {
  if (!settings_.enabled || !frame) return;
  const QString key = keyFor(request);
  impl_->memory.put(key, frame, featureSetBytes(*frame), std::chrono::seconds(ttlSeconds > 0 ? ttlSeconds : impl_->ttl.load()));
  impl_->writeRedis(key, *frame, ttlSeconds);
}

std::optional<Eigen::VectorXd> FeatureCache::getFeature(const QString& name, const QVariantMap& params) {
  if (!settings_.enabled) return std::nullopt;
  const QString key = featureKeyFor(name, params);
  SharedFeatureSet found = impl_->memory.get(key);
  if (found) {
    ++impl_->memoryHits;
  } else {
    ++impl_->memoryMisses;
    found = impl_->readRedis(key);
  }
  if (!found || found->matrix.cols() != 1) return std::nullopt;
  return found->matrix.visitColumn(0, [](auto column) {
    Eigen::VectorXd values(static_cast<Eigen::Index>(column.size()));
    std::copy(column.begin(), column.end(), values.data());  // widens a float32 value exactly
    return values;
  });
}

void FeatureCache::setFeature(const QString& name, const QVariantMap& params, const Eigen::VectorXd& values,
                              int ttlSeconds) {
  if (!settings_.enabled) return;
  FeatureSet single;
  single.columns = {name};
  single.matrix = ColumnMatrix(values.size(), 1);
  std::copy(values.data(), values.data() + values.size(), single.matrix.data());
  const QString key = featureKeyFor(name, params);
  auto shared = std::make_shared<const FeatureSet>(std::move(single));
  impl_->memory.put(key, shared, featureSetBytes(*shared), std::chrono::seconds(ttlSeconds > 0 ? ttlSeconds : impl_->ttl.load()));
  impl_->writeRedis(key, *shared, ttlSeconds);
}

qint64 FeatureCache::clear(const QString& symbol, QString* error) {
  const QString prefix = symbol.isNull() ? keyPrefix() : keyPrefix() + QStringLiteral("features:%1:").arg(keySymbol(symbol));
  impl_->memory.remove(prefix);
  if (!impl_->pool) return 0;
  qint64 removed = 0;
  const bool ok = impl_->withRedis([&](RedisConnection& redis, QString* failure) {
    removed = unlinkMatching(redis, prefix.toUtf8() + '*', failure);
    return removed >= 0;
  });
  if (!ok) {
    if (error) *error = impl_->pool->up() ? QStringLiteral("redis command failed") : impl_->pool->describe();
    return -1;
  }
  return removed;
}

std::optional<RedisUsage> FeatureCache::redisUsage(QString* error) {
  if (!impl_->pool) {
    if (error) *error = QStringLiteral("redis is disabled in the settings");
    return std::nullopt;
  }
  RedisUsage usage;
  const bool ok = impl_->withRedis([&](RedisConnection& redis, QString* failure) {
    return scanKeys(redis, keyPrefix().toUtf8() + '*', failure, [&](const std::vector<QByteArrayView>& keys) {
      for (QByteArrayView key : keys) {
        if (key.endsWith(":lock")) ++usage.locks;
        else if (key.contains(QByteArrayView(":chunk:"))) ++usage.chunks;
        else ++usage.values;
        RedisReply length = redis.command({"STRLEN", key}, failure);
        if (!length) return false;
        usage.bytes += replyInteger(length.get());
      }
      return true;
    });
  });
  if (!ok) {
    if (error) *error = impl_->pool->describe();
    return std::nullopt;
  }
  return usage;
}

CacheStats FeatureCache::stats() const {
  const Impl& d = *impl_;
  CacheStats s;
  s.memory.hits = d.memoryHits;
  s.memory.misses = d.memoryMisses;
  s.memory.entries = static_cast<qint64>(d.memory.entries());
  s.memory.bytes = static_cast<qint64>(d.memory.bytes());
  s.redis.hits = d.redisHits;
  s.redis.misses = d.redisMisses;
  s.redis.entries = d.redisStores;
  s.redis.bytes = d.redisBytesWritten;
  s.computations = d.computations;
  s.corruptValues = d.corruptValues;
  s.redisFailures = d.redisFailures;
  s.bytesRead = d.bytesRead;
  s.transferNanos = d.transferNanos;
  s.decodeNanos = d.decodeNanos;
  return s;
}

QString FeatureCache::status() const {
  if (!settings_.enabled) return QStringLiteral("cache: disabled");
  const CacheStats s = stats();
  QString text = QStringLiteral("cache: memory %1 entries, %2 of %3 (hits %4, misses %5); ")
                     .arg(s.memory.entries)
                     .arg(humanBytes(s.memory.bytes), humanBytes(static_cast<qint64>(impl_->memory.capacity())))
                     .arg(s.memory.hits)
                     .arg(s.memory.misses);
  if (!impl_->pool) return text + QStringLiteral("redis off");
  return text + impl_->pool->describe() + QStringLiteral(" (hits %1, misses %2)").arg(s.redis.hits).arg(s.redis.misses);
}

QStringList FeatureCache::warnings() const {
  std::lock_guard lock(impl_->mutex);
  return QStringList(impl_->warnings.begin(), impl_->warnings.end());
}

bool FeatureCache::redisAvailable() const { return impl_->pool && impl_->pool->up(); }

bool FeatureCache::redisConfigured() const { return impl_->pool != nullptr; }

int FeatureCache::redisTtl() const { return impl_->ttl.load(); }

void FeatureCache::setRedisTtl(int seconds) { impl_->ttl.store(std::clamp(seconds, 1, kMaxRedisTtlSeconds)); }

void FeatureCache::setWarningHandler(std::function<void(const QString&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->warningHandler = std::move(handler);
}

void FeatureCache::setEventHandler(std::function<void(const CacheEvent&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->eventHandler = std::move(handler);
}

}  // namespace strata
