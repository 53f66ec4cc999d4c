#pragma once
// Cache values and computation locks in Redis, over one connection.
//
// A value is a manifest at its key. A payload larger than one chunk is written first under
// {key}:chunk:{generation}:{i} (living a minute longer than the manifest), and only then is
// the manifest SET: readers see the old value or the whole new one, never a mix. Replacing a
// value unlinks the chunks of the one it replaced; a store that fails unlinks the chunks it
// wrote, and a value refused on reading takes every chunk under its key with it.
#include "strata/visibility.h"  // exported for the cache's own tests, which check the wire format directly
#include "redis_client.h"
#include "value_codec.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace strata::cache {

struct STRATA_ENGINE_EXPORT StoreOptions {
  std::uint64_t chunkBytes = std::uint64_t{1} << 20;
  bool compress = false;
  int ttlSeconds = 3600;
};

/// Chunks a failed store wrote (or may have: a command can time out after the server ran it)
/// that no manifest points to and that could not be unlinked at once (the connection failed).
struct STRATA_ENGINE_EXPORT UnpublishedChunks {
  QString key;
  std::uint64_t generation = 0;
  int count = 0;  // chunk indexes 0 .. count - 1
};

/// False with `error` when a command failed; `*written` counts the bytes sent. A failure after
/// chunks were sent unlinks them; when the connection is gone, `*leftBehind` names them.
STRATA_ENGINE_EXPORT bool storeValue(RedisConnection& redis, const QString& key, const FeatureSet& features,
                const StoreOptions& options, std::uint64_t* written, QString* error,
                std::optional<UnpublishedChunks>* leftBehind);
/// Unlinks chunks a failed store left behind; false when Redis did not answer.
STRATA_ENGINE_EXPORT bool unlinkUnpublished(RedisConnection& redis, const UnpublishedChunks& chunks, QString* error);

struct STRATA_ENGINE_EXPORT LoadResult {
  enum Status { Missing, Found, Corrupt, Failed } status = Missing;
  std::optional<FeatureSet> features;
  QString error;          // Corrupt: what was wrong (the value and its chunks were deleted); Failed: transport
  std::uint64_t bytesRead = 0;
  std::int64_t waitNanos = 0;    // waiting for and parsing replies (the transfer)
  std::int64_t decodeNanos = 0;  // checksums, decompression, copies into the matrix
};
STRATA_ENGINE_EXPORT LoadResult loadValue(RedisConnection& redis, const QString& key, std::uint64_t maxPayloadBytes);

/// Deletes `key` only while it still holds `expected` (a lock token, a manifest read earlier).
STRATA_ENGINE_EXPORT bool deleteIfEquals(RedisConnection& redis, const QString& key, QByteArrayView expected, QString* error);

enum class LockResult { Acquired, Busy, Failed };
STRATA_ENGINE_EXPORT LockResult tryLock(RedisConnection& redis, const QString& lockKey, const QByteArray& token, int ttlMs,
                   QString* error);
/// Extends the lock's expiry while `token` still owns it; false when it does not (or on failure).
STRATA_ENGINE_EXPORT bool extendLock(RedisConnection& redis, const QString& lockKey, const QByteArray& token, int ttlMs,
                QString* error);

/// The lock's remaining life in ms (-2: no lock, -1: no expiry), read and acted on atomically:
/// a lock with no expiry or one longer than `maxTtlMs` (what its holder renews it to) is stale
/// and deleted. nullopt when the command failed.
STRATA_ENGINE_EXPORT std::optional<long long> removeLockIfStale(RedisConnection& redis, const QString& lockKey, int maxTtlMs,
                                                   QString* error);

/// SCAN MATCH `pattern` over the whole keyspace, a page of keys at a time; `page` returns false
/// to stop with a failure.
STRATA_ENGINE_EXPORT bool scanKeys(RedisConnection& redis, const QByteArray& pattern, QString* error,
              const std::function<bool(const std::vector<QByteArrayView>&)>& page);

/// UNLINKs every key matching `pattern` (SCAN MATCH, a page at a time); the number removed, -1
/// on failure.
STRATA_ENGINE_EXPORT qint64 unlinkMatching(RedisConnection& redis, const QByteArray& pattern, QString* error);

STRATA_ENGINE_EXPORT QString lockKeyFor(const QString& key);
STRATA_ENGINE_EXPORT QString chunkKeyFor(const QString& key, std::uint64_t generation, int index);

}  // namespace strata::cache
