#include "redis_values.h"

#include <hiredis/hiredis.h>

#include <QElapsedTimer>
#include <QRandomGenerator>

namespace strata::cache {
namespace {

// Redis runs a script atomically: the comparison and the delete (or expire) cannot be split by
// another client, so only the owner of a lock releases it.
constexpr char kDeleteIfEquals[] =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
constexpr char kExpireIfEquals[] =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end "
    "return 0";
constexpr char kRemoveIfStale[] =
    "local ttl = redis.call('pttl', KEYS[1]) "
    "if ttl == -1 or ttl > tonumber(ARGV[1]) then redis.call('del', KEYS[1]) end return ttl";
constexpr int kChunkGraceSeconds = 60;  // chunks outlive their manifest so a late reader finds them
constexpr int kPipelineWindow = 8;      // chunk commands in flight on one connection
constexpr int kUnlinkBatch = 1000;      // keys per UNLINK: a huge value is not one giant command

QByteArray utf8(const QString& s) { return s.toUtf8(); }

QString chunkPrefixFor(const QString& key) { return key + QStringLiteral(":chunk:"); }

bool unlinkChunkRange(RedisConnection& redis, const QString& key, std::uint64_t generation, int count,
                      QString* error) {
  for (int first = 0; first < count; first += kUnlinkBatch) {
    std::vector<QByteArray> keys;
    for (int i = first; i < std::min(count, first + kUnlinkBatch); ++i) keys.push_back(utf8(chunkKeyFor(key, generation, i)));
    std::vector<QByteArrayView> args{"UNLINK"};
    args.insert(args.end(), keys.begin(), keys.end());
    if (!redis.command(args, error)) return false;
  }
  return true;
}

void unlinkChunks(RedisConnection& redis, const QString& key, const Manifest& manifest) {
  if (manifest.isInline()) return;
  QString ignored;  // best effort: they expire anyway
  unlinkChunkRange(redis, key, manifest.generation, static_cast<int>(manifest.chunks.size()), &ignored);
}

// SCAN MATCH takes a glob: the key's own characters must match only themselves.
QByteArray globEscaped(const QByteArray& text) {
  QByteArray out;
  for (char c : text) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Every chunk under `key`, of any generation: a value refused before its chunk table could be
// trusted (unreadable, another key's, an older format) says nothing reliable about its chunks.
// A writer publishing a new value of this key right now may lose its chunks: its value is
// then a miss, never a wrong answer.
void unlinkEveryChunk(RedisConnection& redis, const QString& key) {
  QString ignored;  // best effort: they expire anyway
  unlinkMatching(redis, globEscaped(utf8(chunkPrefixFor(key))) + '*', &ignored);
}

}  // namespace

qint64 unlinkMatching(RedisConnection& redis, const QByteArray& pattern, QString* error) {
  qint64 removed = 0;
  const bool ok = scanKeys(redis, pattern, error, [&](const std::vector<QByteArrayView>& keys) {
    std::vector<QByteArrayView> args{"UNLINK"};
    args.insert(args.end(), keys.begin(), keys.end());
    RedisReply unlinked = redis.command(args, error);
    removed += replyInteger(unlinked.get());
    return unlinked != nullptr;
  });
  return ok ? removed : -1;
}

QString lockKeyFor(const QString& key) { return key + QStringLiteral(":lock"); }

QString chunkKeyFor(const QString& key, std::uint64_t generation, int index) {
  return chunkPrefixFor(key) + QStringLiteral("%1:%2").arg(generation, 16, 16, QLatin1Char('0')).arg(index);
}

bool unlinkUnpublished(RedisConnection& redis, const UnpublishedChunks& chunks, QString* error) {
  return unlinkChunkRange(redis, chunks.key, chunks.generation, chunks.count, error);
}

bool storeValue(RedisConnection& redis, const QString& key, const FeatureSet& features,
                const StoreOptions& options, std::uint64_t* written, QString* error,
                std::optional<UnpublishedChunks>* leftBehind) {
  const ValueEncoder encoder(features, options.chunkBytes, options.compress);
  const QByteArray ttl = QByteArray::number(options.ttlSeconds);
  const QByteArray keyBytes = utf8(key);
  QByteArray manifest;
  std::uint64_t generation = 0;
  // Chunks 0 .. sent - 1 may be in Redis with no manifest: unlinked now, or handed back.
  auto abandon = [&](int sent) {
    const UnpublishedChunks chunks{key, generation, sent};
    QString ignored;
    if ((redis.broken() || !unlinkUnpublished(redis, chunks, &ignored)) && leftBehind) *leftBehind = chunks;
    return false;
  };
  if (encoder.chunkCount() == 1) {
    const EncodedChunk only = encoder.chunk(0);
    manifest = encoder.manifest(key, 0, {only.info}, &only);
  } else {
    generation = QRandomGenerator::system()->generate64() | 1;  // never 0: 0 means inline
    const QByteArray chunkTtl = QByteArray::number(options.ttlSeconds + kChunkGraceSeconds);
    std::vector<ChunkInfo> infos;
    // A window of SETs in flight (hiredis copies each command into its output buffer, so
    // only the window's chunks are held in memory at once).
    int acknowledged = 0;
    for (int i = 0; i < encoder.chunkCount(); ++i) {
      const EncodedChunk chunk = encoder.chunk(i);
      redis.append({"SET", utf8(chunkKeyFor(key, generation, i)), chunk.stored, "EX", chunkTtl});
      *written += static_cast<std::uint64_t>(chunk.stored.size());
      infos.push_back(chunk.info);
      for (; acknowledged <= i - kPipelineWindow || (i + 1 == encoder.chunkCount() && acknowledged <= i); ++acknowledged)
        if (!redis.next(error)) {
          QString ignored;
          for (++acknowledged; acknowledged <= i && !redis.broken(); ++acknowledged) redis.next(&ignored);
          return abandon(i + 1);
        }
    }
    manifest = encoder.manifest(key, generation, infos, nullptr);
  }
  // SET ... GET (Redis >= 6.2) swaps the manifest atomically and hands back the one replaced,
  // whose chunks are now garbage.
  RedisReply previous = redis.command({"SET", keyBytes, manifest, "EX", ttl, "GET"}, error);
  if (!previous) return generation ? abandon(encoder.chunkCount()) : false;
  *written += static_cast<std::uint64_t>(manifest.size());
  if (!isNil(previous.get())) {
    QString ignored;
    if (auto old = parseManifest(replyBytes(previous.get()), ~std::uint64_t{0}, &ignored);
        old && old->generation != generation)
      unlinkChunks(redis, key, *old);
  }
  return true;
}

LoadResult loadValue(RedisConnection& redis, const QString& key, std::uint64_t maxPayloadBytes) {
  LoadResult result;
  QElapsedTimer clock;
  clock.start();
  const QByteArray keyBytes = utf8(key);
  RedisReply reply = redis.command({"GET", keyBytes}, &result.error);
  result.waitNanos += clock.nsecsElapsed();
  if (!reply) {
    result.status = LoadResult::Failed;
    return result;
  }
  if (isNil(reply.get())) return result;
  const QByteArrayView blob = replyBytes(reply.get());
  result.bytesRead = static_cast<std::uint64_t>(blob.size());
  auto corrupt = [&](const QString& why, const Manifest* manifest) {
    result.status = LoadResult::Corrupt;
    result.error = QStringLiteral("%1: %2; deleted").arg(key, why);
    QString ignored;
    // Only this manifest: a writer may have replaced it meanwhile with a good one.
    deleteIfEquals(redis, key, blob, &ignored);
    if (manifest) unlinkChunks(redis, key, *manifest);
    else unlinkEveryChunk(redis, key);
    result.features.reset();
    return std::move(result);
  };
  QString problem;
  std::optional<Manifest> manifest = parseManifest(blob, maxPayloadBytes, &problem);
  if (!manifest) return corrupt(problem, nullptr);
  // A valid value copied or renamed under another key would be another matrix served as this one.
  if (manifest->key != key)
    return corrupt(QStringLiteral("holds the value stored under %1, not its own (copied or renamed)")
                       .arg(manifest->key.isEmpty() ? QStringLiteral("no key") : manifest->key),
                   nullptr);
  const Manifest header = *manifest;  // kept for cleaning up; small (its inline chunk is shared)
  try {
    ValueDecoder decoder(std::move(*manifest));
    if (header.isInline()) {
      if (!decoder.addChunk(0, header.inlineChunk, &problem)) return corrupt(problem, &header);
    } else {
      // GETs pipelined a window ahead of the chunk being decoded.
      const int count = static_cast<int>(header.chunks.size());
      int requested = 0;
      auto drain = [&](int received) {  // keeps the connection in step after an early stop
        QString ignored;
        for (; received < requested && !redis.broken(); ++received) redis.next(&ignored);
      };
      for (int i = 0; i < count; ++i) {
        for (; requested < count && requested < i + kPipelineWindow; ++requested)
          redis.append({"GET", utf8(chunkKeyFor(key, header.generation, requested))});
        const qint64 beforeWait = clock.nsecsElapsed();
        RedisReply chunk = redis.next(&result.error);
        const qint64 afterWait = clock.nsecsElapsed();
        result.waitNanos += afterWait - beforeWait;
        if (!chunk) {
          drain(i + 1);
          result.error = QStringLiteral("GET of chunk %1: %2").arg(i).arg(result.error);
          result.status = LoadResult::Failed;
          return result;
        }
        if (isNil(chunk.get())) {
          drain(i + 1);
          return corrupt(QStringLiteral("chunk %1 is missing").arg(i), &header);
        }
        result.bytesRead += chunk->len;
        if (!decoder.addChunk(i, replyBytes(chunk.get()), &problem)) {
          drain(i + 1);
          return corrupt(problem, &header);
        }
        result.decodeNanos += clock.nsecsElapsed() - afterWait;
      }
    }
    result.features = decoder.finish(&problem);
    if (!result.features) return corrupt(problem, &header);
  } catch (const std::bad_alloc&) {
    return corrupt(QStringLiteral("not enough memory for %1 bytes").arg(header.payloadBytes()), &header);
  }
  result.status = LoadResult::Found;
  return result;
}

bool deleteIfEquals(RedisConnection& redis, const QString& key, QByteArrayView expected, QString* error) {
  RedisReply reply = redis.command({"EVAL", kDeleteIfEquals, "1", utf8(key), expected}, error);
  return reply && replyInteger(reply.get()) == 1;
}

LockResult tryLock(RedisConnection& redis, const QString& lockKey, const QByteArray& token, int ttlMs,
                   QString* error) {
  RedisReply reply = redis.command({"SET", utf8(lockKey), token, "NX", "PX", QByteArray::number(ttlMs)}, error);
  if (!reply) return LockResult::Failed;
  return isStatusOk(reply.get()) ? LockResult::Acquired : LockResult::Busy;
}

bool extendLock(RedisConnection& redis, const QString& lockKey, const QByteArray& token, int ttlMs,
                QString* error) {
  RedisReply reply =
      redis.command({"EVAL", kExpireIfEquals, "1", utf8(lockKey), token, QByteArray::number(ttlMs)}, error);
  return reply && replyInteger(reply.get()) == 1;
}

std::optional<long long> removeLockIfStale(RedisConnection& redis, const QString& lockKey, int maxTtlMs,
                                           QString* error) {
  RedisReply reply = redis.command({"EVAL", kRemoveIfStale, "1", utf8(lockKey), QByteArray::number(maxTtlMs)}, error);
  if (!reply) return std::nullopt;
  return replyInteger(reply.get());
}

bool scanKeys(RedisConnection& redis, const QByteArray& pattern, QString* error,
              const std::function<bool(const std::vector<QByteArrayView>&)>& page) {
  QByteArray cursor = "0";
  do {
    RedisReply reply = redis.command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"}, error);
    if (!reply) return false;
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) {
      *error = QStringLiteral("unexpected SCAN reply");
      return false;
    }
    cursor = replyBytes(reply->element[0]).toByteArray();
    const redisReply* keys = reply->element[1];
    std::vector<QByteArrayView> names;
    for (std::size_t i = 0; i < keys->elements; ++i) names.push_back(replyBytes(keys->element[i]));
    if (!names.empty() && !page(names)) return false;
  } while (cursor != "0");
  return true;
}

}  // namespace strata::cache
