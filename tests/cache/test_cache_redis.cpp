// FeatureCache against a real redis-server on loopback: both tiers, chunked and compressed
// values, corrupt values and values copied under another key (and the chunks they leave),
// stampedes across threads and processes, a dead lock holder, a lock no one will release (told,
// bounded, cancellable), Redis absent / killed / restarted / stopped (mid-store too), AUTH and a
// database index, clear and usage.
#include "hostile/bounded_case.h"
#include "redis_values.h"
#include "redis_server.h"
#include "sample_features.h"
#include "strata/csv_directory_source.h"
#include "strata/feature_cache.h"
#include "strata/feature_engineer.h"
#include "strata/plugin_registry.h"
#include "test_support.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QThread>
#include <QtTest/QTest>

#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

using namespace strata;
using strata::test::RedisServer;

namespace {

FeatureRequest requestFor(const QString& symbol, int lookback = 0) {
  FeatureRequest r;
  r.symbol = symbol;
  r.timeframe = *Timeframe::parse(QStringLiteral("1h"));
  r.lookbackDays = lookback;
  r.input.count = 1000;
  r.input.checksum = 77;
  return r;
}

CacheSettings settingsFor(int port, int timeoutMs = 1000) {
  CacheSettings s;
  s.redisPort = port;
  s.redisTimeoutMs = timeoutMs;
  s.redisCacheTtl = 600;
  return s;
}

FeatureCacheOptions quickOptions(qint64 chunkBytes = qint64{64} << 20, bool compress = false) {
  FeatureCacheOptions o;
  o.chunkBytes = chunkBytes;
  o.compress = compress;
  o.reconnectFirstMs = 100;
  o.reconnectMaxMs = 400;
  o.lockTtlMs = 3000;
  return o;
}

// A compute function that counts its runs.
struct Counted {
  std::atomic_int runs{0};
  int sleepMs = 0;
  Eigen::Index rows = 200;
  std::uint64_t seed = 1;
  Precision precision = Precision::Float64;
  std::function<FeatureSet()> fn() {
    return [this] {
      ++runs;
      if (sleepMs) QThread::msleep(static_cast<unsigned long>(sleepMs));
      return test::sampleFeatures(rows, 5, seed, true, true, precision);
    };
  }
};

std::unique_ptr<cache::RedisConnection> rawConnection(int port) {
  cache::RedisEndpoint endpoint;
  endpoint.port = port;
  endpoint.timeoutMs = 2000;
  QString error;
  auto c = cache::RedisConnection::open(endpoint, &error);
  if (!c) qWarning() << error;
  return c;
}

// Chunk keys under `key` that the manifest at `key` (if any) does not point to: garbage.
QStringList orphanChunks(int port, const QString& key) {
  auto redis = rawConnection(port);
  if (!redis) return {QStringLiteral("(cannot connect)")};
  QString error;
  QSet<QString> owned;
  const cache::RedisReply value = redis->command({"GET", key.toUtf8()}, &error);
  if (const auto manifest = cache::parseManifest(cache::replyBytes(value.get()), ~std::uint64_t{0}, &error))
    for (int i = 0; !manifest->isInline() && i < static_cast<int>(manifest->chunks.size()); ++i)
      owned.insert(cache::chunkKeyFor(key, manifest->generation, i));
  QStringList orphans;
  cache::scanKeys(*redis, key.toUtf8() + ":chunk:*", &error, [&](const std::vector<QByteArrayView>& keys) {
    for (QByteArrayView k : keys)
      if (!owned.contains(QString::fromUtf8(k))) orphans << QString::fromUtf8(k);
    return true;
  });
  return orphans;
}

// Every chunk key of the value at `key`, from the manifest's generation.
QStringList chunkKeysOf(RedisServer& server, const QString& key) {
  return server.cli({QStringLiteral("--scan"), QStringLiteral("--pattern"), key + QStringLiteral(":chunk:*")})
      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// Re-seals a manifest edited by hand (its last 8 bytes are the checksum of the rest).
void reseal(QByteArray& manifest) {
  const std::uint64_t sum = cache::checksum64(manifest.constData(), static_cast<std::size_t>(manifest.size()) - 8);
  std::memcpy(manifest.data() + manifest.size() - 8, &sum, 8);
}

// What a lookup was told (FeatureRequest::notice), and when: ms after attach().
struct Notices {
  QElapsedTimer clock;
  std::mutex mutex;
  QStringList texts;
  std::vector<qint64> at;
  void attach(FeatureRequest& request) {
    clock.start();
    request.notice = [this](const QString& text) {
      std::lock_guard lock(mutex);
      texts << text;
      at.push_back(clock.elapsed());
    };
  }
  QString all() {
    std::lock_guard lock(mutex);
    return texts.join(u'\n');
  }
};

// One lookup through a cache whose lock_wait_s is 2 s, under a watchdog: what it got and was told.
struct ShortWaitLookup {
  Notices notices;
  Counted computed;
  CacheTier tier = CacheTier::Redis;
  SharedFeatureSet value;
  QStringList warnings;
  qint64 millis = 0;
  ShortWaitLookup(int port, FeatureRequest request, const char* what) {
    CacheSettings settings = settingsFor(port);
    settings.lockWaitSeconds = 2;
    FeatureCache cache(settings, quickOptions());
    notices.attach(request);
    hostile::Watchdog watchdog(what, 30);
    value = cache.getOrCompute(request, computed.fn(), &tier);
    millis = notices.clock.elapsed();
    warnings = cache.warnings();
  }
};

bool isInteger(const cache::RedisReply& reply, long long expected) {
  return reply && cache::replyInteger(reply.get()) == expected;
}

// Waits (bounded) until the cache's backoff lets it try Redis again and it succeeds.
bool waitForRedis(FeatureCache& cache, const FeatureRequest& probe) {
  Counted c;
  for (int i = 0; i < 50; ++i) {
    QThread::msleep(100);
    cache.getOrCompute(probe, c.fn(), static_cast<bool*>(nullptr));
    if (cache.redisAvailable()) return true;
  }
  return false;
}

}  // namespace

class TestCacheRedis : public QObject {
  Q_OBJECT

  std::unique_ptr<RedisServer> server_;

 private slots:
  void init() {
    server_ = std::make_unique<RedisServer>();
    QVERIFY2(server_->start(), qPrintable(server_->log()));
  }
  void cleanup() { server_.reset(); }

  void memoryHitSharesTheObject() {
    CacheSettings s = settingsFor(server_->port());
    s.redis = false;
    FeatureCache cache(s);
    Counted c;
    bool hit = true;
    const SharedFeatureSet first = cache.getOrCompute(requestFor(QStringLiteral("AAPL")), c.fn(), &hit);
    QVERIFY(!hit);
    const SharedFeatureSet second = cache.getOrCompute(requestFor(QStringLiteral("AAPL")), c.fn(), &hit);
    QVERIFY(hit);
    QCOMPARE(second.get(), first.get());
    QCOMPARE(c.runs.load(), 1);
    QCOMPARE(cache.stats().memory.hits, 1);
    QCOMPARE(cache.stats().memory.entries, 1);
  }

  void memoryTierBoundedInBytes() {
    CacheSettings s = settingsFor(server_->port());
    s.redis = false;
    const std::uint64_t one = cache::featureSetBytes(test::sampleFeatures(200, 5));
    s.memoryBytes = static_cast<qint64>(one * 2 + one / 2);
    FeatureCache cache(s);
    Counted c;
    for (const char* symbol : {"A", "B", "A", "C"}) cache.getOrCompute(requestFor(QString::fromLatin1(symbol)), c.fn(), static_cast<bool*>(nullptr));
    QCOMPARE(c.runs.load(), 3);  // A was recent when C came: B went
    QVERIFY(cache.stats().memory.bytes <= s.memoryBytes);
    QCOMPARE(cache.stats().memory.entries, 2);
    bool hit = false;
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &hit);
    QVERIFY(hit);
    cache.getOrCompute(requestFor(QStringLiteral("B")), c.fn(), &hit);
    QVERIFY(!hit);
    Counted big;
    big.rows = 2000;
    cache.getOrCompute(requestFor(QStringLiteral("BIG")), big.fn(), &hit);
    QCOMPARE(cache.stats().memory.entries, 2);  // too big to keep: nothing evicted for it
  }

  // cache.compress in strata.yaml turns zstd on without FeatureCacheOptions; the values read back
  // the same and take fewer bytes in Redis than the same value stored plainly.
  void compressFromSettings() {
    Counted c;
    CacheSettings plainSettings = settingsFor(server_->port());
    FeatureCache plain(plainSettings);
    plain.getOrCompute(requestFor(QStringLiteral("PLAIN")), c.fn(), static_cast<bool*>(nullptr));
    CacheSettings packedSettings = plainSettings;
    packedSettings.compress = true;
    FeatureCache packed(packedSettings);
    const SharedFeatureSet computed =
        packed.getOrCompute(requestFor(QStringLiteral("PACKED")), c.fn(), static_cast<bool*>(nullptr));
    QCOMPARE(plain.stats().redis.entries, 1);
    QCOMPARE(packed.stats().redis.entries, 1);
    QVERIFY2(packed.stats().redis.bytes < plain.stats().redis.bytes,
             qPrintable(QStringLiteral("%1 vs %2").arg(packed.stats().redis.bytes).arg(plain.stats().redis.bytes)));
    FeatureCache reader(plainSettings);  // reading needs no setting: the value says how it is stored
    CacheTier tier = CacheTier::None;
    const SharedFeatureSet read = reader.getOrCompute(requestFor(QStringLiteral("PACKED")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Redis);
    test::verifySame(*computed, *read);
  }

  // The GUI changes the TTL while the cache is in use: the next stores get it, clamped to range.
  void ttlChangedAtRunTime() {
    FeatureCache cache(settingsFor(server_->port()), quickOptions());
    QCOMPARE(cache.redisTtl(), 600);
    cache.setRedisTtl(42);
    QCOMPARE(cache.redisTtl(), 42);
    Counted c;
    cache.getOrCompute(requestFor(QStringLiteral("TTL")), c.fn(), static_cast<bool*>(nullptr));
    const int ttl = server_->cli({QStringLiteral("TTL"), FeatureCache::keyFor(requestFor(QStringLiteral("TTL")))}).toInt();
    QVERIFY2(ttl > 30 && ttl <= 42, qPrintable(QString::number(ttl)));
    cache.setRedisTtl(0);
    QCOMPARE(cache.redisTtl(), 1);
    cache.setRedisTtl(FeatureCache::kMaxRedisTtlSeconds + 1);
    QCOMPARE(cache.redisTtl(), FeatureCache::kMaxRedisTtlSeconds);
  }

  void redisTierRoundTrip_data() {
    QTest::addColumn<qint64>("chunkBytes");
    QTest::addColumn<bool>("compress");
    QTest::addColumn<bool>("float32");
    QTest::newRow("inline") << (qint64{64} << 20) << false << false;
    QTest::newRow("chunked") << qint64{1000} << false << false;
    QTest::newRow("chunked zstd") << qint64{4096} << true << false;
    QTest::newRow("float32 inline") << (qint64{64} << 20) << false << true;
    QTest::newRow("float32 chunked zstd") << qint64{1000} << true << true;
  }
  void redisTierRoundTrip() {
    QFETCH(qint64, chunkBytes);
    QFETCH(bool, compress);
    QFETCH(bool, float32);
    const FeatureRequest request = requestFor(QStringLiteral("BTC:USD*"));
    Counted c;
    c.precision = float32 ? Precision::Float32 : Precision::Float64;
    FeatureCache writer(settingsFor(server_->port()), quickOptions(chunkBytes, compress));
    const SharedFeatureSet computed = writer.getOrCompute(request, c.fn(), static_cast<bool*>(nullptr));
    FeatureCache reader(settingsFor(server_->port()), quickOptions(chunkBytes, compress));
    CacheTier tier = CacheTier::None;
    const SharedFeatureSet read = reader.getOrCompute(request, c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Redis);
    QCOMPARE(c.runs.load(), 1);
    test::verifySame(*computed, *read);
    const QString key = FeatureCache::keyFor(request);
    const int ttl = server_->cli({QStringLiteral("TTL"), key}).toInt();
    QVERIFY2(ttl > 590 && ttl <= 600, qPrintable(QString::number(ttl)));
    const int keys = server_->cli({QStringLiteral("DBSIZE")}).toInt();
    QCOMPARE(keys > 1, chunkBytes < 10000);  // chunk keys besides the manifest
    QCOMPARE(server_->cli({QStringLiteral("EXISTS"), cache::lockKeyFor(key)}), QStringLiteral("0"));
    // The second read is a memory hit in the reader.
    reader.getOrCompute(request, c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Memory);
  }

  void replacingAValueDropsItsOldChunks() {
    FeatureCache cache(settingsFor(server_->port()), quickOptions(1000));
    const FeatureRequest request = requestFor(QStringLiteral("AAPL"));
    cache.setFrame(request, std::make_shared<const FeatureSet>(test::sampleFeatures(200, 5, 1)));
    const int before = server_->cli({QStringLiteral("DBSIZE")}).toInt();
    cache.setFrame(request, std::make_shared<const FeatureSet>(test::sampleFeatures(200, 5, 2)));
    QCOMPARE(server_->cli({QStringLiteral("DBSIZE")}).toInt(), before);
    FeatureCache reader(settingsFor(server_->port()), quickOptions(1000));
    const SharedFeatureSet got = reader.getFrame(request);
    QVERIFY(got);
    test::verifySame(test::sampleFeatures(200, 5, 2), *got);
  }

  // Every refused value is a miss, recomputed, and leaves nothing behind: its manifest and every
  // chunk under its key go (a damaged manifest's chunks too, not only after their TTL).
  void corruptValuesAreMissesAndDeleted_data() {
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("chunked");
    QTest::newRow("garbage") << "garbage" << false;
    QTest::newRow("truncated manifest") << "truncate" << false;
    QTest::newRow("flipped byte") << "flip" << false;
    QTest::newRow("garbage over a chunked value") << "garbage" << true;
    QTest::newRow("flipped byte in a chunked manifest") << "flip" << true;
    QTest::newRow("truncated chunked manifest") << "truncate" << true;
    QTest::newRow("format version 1") << "version-1" << false;
    QTest::newRow("format version 1, chunked") << "version-1" << true;
    QTest::newRow("missing chunk") << "drop-chunk" << true;
    QTest::newRow("corrupt chunk") << "flip-chunk" << true;
    QTest::newRow("truncated chunk") << "truncate-chunk" << true;
  }
  void corruptValuesAreMissesAndDeleted() {
    QFETCH(QString, damage);
    QFETCH(bool, chunked);
    const FeatureRequest request = requestFor(QStringLiteral("AAPL"));
    const QString key = FeatureCache::keyFor(request);
    const qint64 chunkBytes = chunked ? 1000 : (qint64{64} << 20);
    Counted c;
    {
      FeatureCache writer(settingsFor(server_->port()), quickOptions(chunkBytes));
      writer.getOrCompute(request, c.fn(), static_cast<bool*>(nullptr));
    }
    auto redis = rawConnection(server_->port());
    QVERIFY(redis);
    QString error;
    QByteArray target = key.toUtf8();
    if (damage.endsWith(QLatin1String("chunk"))) {
      const QString chunkPattern = key + QStringLiteral(":chunk:*");
      target = server_->cli({QStringLiteral("--scan"), QStringLiteral("--pattern"), chunkPattern}).split(QLatin1Char('\n')).value(1).toUtf8();
      QVERIFY(!target.isEmpty());
    }
    cache::RedisReply value = redis->command({"GET", target}, &error);
    QByteArray bytes = cache::replyBytes(value.get()).toByteArray();
    QVERIFY(!bytes.isEmpty());
    if (damage == u"garbage") bytes = "garbage";
    if (damage.startsWith(u"truncate")) bytes.chop(bytes.size() / 3);
    if (damage.startsWith(u"flip")) bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    if (damage == u"version-1") {  // as an older Strata wrote it: version 1 knew no keys
      const std::uint32_t version = 1;
      std::memcpy(bytes.data() + 8, &version, sizeof version);
      reseal(bytes);
    }
    if (chunked) QVERIFY(!chunkKeysOf(*server_, key).isEmpty());
    if (damage == u"drop-chunk")
      QVERIFY(redis->command({"DEL", target}, &error));
    else
      QVERIFY(redis->command({"SET", target, bytes}, &error));

    FeatureCache reader(settingsFor(server_->port()), quickOptions(chunkBytes));
    CacheTier tier = CacheTier::Memory;
    const SharedFeatureSet value2 = reader.getOrCompute(request, c.fn(), &tier);
    QCOMPARE(tier, CacheTier::None);  // a miss: recomputed
    QCOMPARE(c.runs.load(), 2);
    QCOMPARE(reader.stats().corruptValues, 1);
    QVERIFY2(reader.warnings().join(u'\n').contains(QLatin1String("refused")), qPrintable(reader.warnings().join(u'\n')));
    if (damage == u"version-1") QVERIFY(reader.warnings().join(u'\n').contains(QLatin1String("format version 1")));
    test::verifySame(test::sampleFeatures(200, 5, 1), *value2);
    QCOMPARE(orphanChunks(server_->port(), key), QStringList());  // the refused value's chunks are gone
    // The recomputed value replaced the bad one.
    FeatureCache third(settingsFor(server_->port()), quickOptions(chunkBytes));
    third.getOrCompute(request, c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Redis);
  }

  // A valid value copied under another key (a `--raw` run was served the normalised matrix): the
  // value names its own key, so the copy is a miss, deleted with its chunks, and recomputed;
  // the original still serves its own key.
  void valueCopiedUnderAnotherKeyIsAMiss_data() {
    QTest::addColumn<QString>("how");
    QTest::addColumn<qint64>("chunkBytes");
    QTest::newRow("COPY") << "copy" << (qint64{64} << 20);
    QTest::newRow("DUMP + RESTORE") << "dump" << (qint64{64} << 20);
    QTest::newRow("GET + SET") << "get-set" << (qint64{64} << 20);
    QTest::newRow("chunked: manifest and chunks copied") << "copy" << qint64{1000};
  }
  void valueCopiedUnderAnotherKeyIsAMiss() {
    QFETCH(QString, how);
    QFETCH(qint64, chunkBytes);
    const FeatureRequest normalised = requestFor(QStringLiteral("AAPL"));
    FeatureRequest raw = normalised;
    raw.normalize = false;
    const QString from = FeatureCache::keyFor(normalised);
    const QString to = FeatureCache::keyFor(raw);
    Counted normalisedValues, rawValues;
    rawValues.seed = 2;
    {
      FeatureCache writer(settingsFor(server_->port()), quickOptions(chunkBytes));
      writer.getOrCompute(normalised, normalisedValues.fn(), static_cast<bool*>(nullptr));
    }
    auto redis = rawConnection(server_->port());
    QVERIFY(redis);
    QString error;
    auto copy = [&](const QString& source, const QString& target) {
      if (how == u"copy") return isInteger(redis->command({"COPY", source.toUtf8(), target.toUtf8(), "REPLACE"}, &error), 1);
      const QByteArray bytes =
          cache::replyBytes(redis->command({how == u"dump" ? "DUMP" : "GET", source.toUtf8()}, &error).get()).toByteArray();
      if (how == u"dump") return cache::isStatusOk(redis->command({"RESTORE", target.toUtf8(), "0", bytes, "REPLACE"}, &error).get());
      return cache::isStatusOk(redis->command({"SET", target.toUtf8(), bytes}, &error).get());
    };
    for (const QString& chunk : chunkKeysOf(*server_, from)) QVERIFY2(copy(chunk, QString(chunk).replace(from, to)), qPrintable(error));
    QVERIFY2(copy(from, to), qPrintable(error));

    FeatureCache reader(settingsFor(server_->port()), quickOptions(chunkBytes));
    CacheTier tier = CacheTier::Memory;
    const SharedFeatureSet got = reader.getOrCompute(raw, rawValues.fn(), &tier);
    QCOMPARE(tier, CacheTier::None);
    QCOMPARE(rawValues.runs.load(), 1);
    test::verifySame(test::sampleFeatures(200, 5, 2), *got);
    const QString warnings = reader.warnings().join(u'\n');
    QVERIFY2(warnings.contains(QStringLiteral("stored under %1").arg(from)), qPrintable(warnings));
    QCOMPARE(orphanChunks(server_->port(), to), QStringList());

    FeatureCache third(settingsFor(server_->port()), quickOptions(chunkBytes));
    test::verifySame(*third.getOrCompute(raw, rawValues.fn(), &tier), test::sampleFeatures(200, 5, 2));
    QCOMPARE(tier, CacheTier::Redis);  // the recomputed value, under its own key
    test::verifySame(*third.getOrCompute(normalised, normalisedValues.fn(), &tier), test::sampleFeatures(200, 5, 1));
    QCOMPARE(tier, CacheTier::Redis);  // the original was never touched
    QCOMPARE(normalisedValues.runs.load(), 1);
  }

  // The server stopped (SIGSTOP) while a value's chunks are being written: the store times out
  // before its manifest, and the chunks it wrote are unlinked as soon as Redis answers again
  // instead of waiting for their TTL (ttl + 60 s).
  void stalledStoreLeavesNoChunks() {
    FeatureCache cache(settingsFor(server_->port(), 300), quickOptions(4096));
    const FeatureRequest request = requestFor(QStringLiteral("STALL"));
    const auto big = std::make_shared<const FeatureSet>(test::sampleFeatures(200'000, 20));  // 32 MB: ~8,000 chunks
    auto redis = rawConnection(server_->port());
    QVERIFY(redis);
    std::thread writer([&] { cache.setFrame(request, big); });
    bool stopped = false;
    QElapsedTimer timer;
    timer.start();
    while (!stopped && timer.elapsed() < 20'000) {  // stop the server once the first chunks are in
      QString error;
      if (cache::replyInteger(redis->command({"DBSIZE"}, &error).get()) > 0) server_->pause(), stopped = true;
    }
    writer.join();
    QVERIFY(stopped);
    QVERIFY2(cache.stats().redis.entries == 0, "the store finished before the server was stopped");
    server_->resume();
    QVERIFY(waitForRedis(cache, requestFor(QStringLiteral("probe"))));
    QCOMPARE(server_->cli({QStringLiteral("EXISTS"), FeatureCache::keyFor(request)}), QStringLiteral("0"));
    const QStringList left = chunkKeysOf(*server_, FeatureCache::keyFor(request));
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("%1 chunks left, e.g. %2").arg(left.size()).arg(left.value(0))));
  }

  void stampedeOfThreadsComputesOnce() {
    FeatureCache cache(settingsFor(server_->port()), quickOptions(2048));
    Counted c;
    c.sleepMs = 400;
    std::vector<std::thread> threads;
    std::vector<SharedFeatureSet> results(8);
    for (int i = 0; i < 8; ++i)
      threads.emplace_back([&, i] { results[static_cast<std::size_t>(i)] = cache.getOrCompute(requestFor(QStringLiteral("AAPL")), c.fn(), static_cast<bool*>(nullptr)); });
    for (std::thread& t : threads) t.join();
    QCOMPARE(c.runs.load(), 1);
    for (const SharedFeatureSet& r : results) QCOMPARE(r.get(), results[0].get());
  }

  void stampedeOfProcessesComputesOnce() {
    std::vector<std::unique_ptr<QProcess>> probes;
    for (int i = 0; i < 3; ++i) {
      probes.push_back(std::make_unique<QProcess>());
      probes.back()->start(QStringLiteral(CACHE_PROBE),
                           {QString::number(server_->port()), QStringLiteral("MSFT"), QStringLiteral("1500"), QStringLiteral("5000")});
    }
    QStringList outcomes;
    for (auto& p : probes) {
      QVERIFY(p->waitForFinished(30'000));
      QCOMPARE(p->exitCode(), 0);
      outcomes.append(QString::fromLocal8Bit(p->readAllStandardOutput()).trimmed().split(u'\n').last());
    }
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{QStringLiteral("computed"), QStringLiteral("hit redis"), QStringLiteral("hit redis")}));
  }

  void deadLockHolderBlocksOnlyUntilExpiry() {
    QProcess dying;
    dying.start(QStringLiteral(CACHE_PROBE), {QString::number(server_->port()), QStringLiteral("IBM"), QStringLiteral("0"),
                                              QStringLiteral("4000"), QStringLiteral("--die-while-computing")});
    QVERIFY(dying.waitForFinished(30'000));
    QCOMPARE(dying.exitStatus(), QProcess::CrashExit);
    const QString lockKey = cache::lockKeyFor(FeatureCache::keyFor([] {
      FeatureRequest r;
      r.symbol = QStringLiteral("IBM");
      r.input.count = 42;
      return r;
    }()));
    QVERIFY(server_->cli({QStringLiteral("PTTL"), lockKey}).toInt() > 0);  // the orphaned lock
    QProcess next;
    QElapsedTimer timer;
    timer.start();
    next.start(QStringLiteral(CACHE_PROBE), {QString::number(server_->port()), QStringLiteral("IBM"), QStringLiteral("0"), QStringLiteral("4000")});
    QVERIFY(next.waitForFinished(30'000));  // not forever: the lock expired
    QCOMPARE(next.exitCode(), 0);
    QCOMPARE(QString::fromLocal8Bit(next.readAllStandardOutput()).trimmed().split(u'\n').last(), QStringLiteral("computed"));
    qInfo() << "waited" << timer.elapsed() << "ms for a 4000 ms lock left by a dead holder";
  }

  // A lock that no live holder renews (set by hand, or left by a bug) once made every waiter
  // wait forever in silence. Now the wait is told after about a second and lasts lock_wait_s;
  // then a lock with no expiry, or one longer than any holder renews it to, is stale: removed,
  // and the value is computed here (under a lock of its own) and stored.
  void staleLockIsRemovedAfterTheWait_data() {
    QTest::addColumn<QStringList>("expiry");
    QTest::addColumn<QString>("said");
    QTest::newRow("no expiry") << QStringList() << "has no expiry";
    QTest::newRow("an hour") << QStringList{QStringLiteral("PX"), QStringLiteral("3600000")} << "would live";
  }
  void staleLockIsRemovedAfterTheWait() {
    QFETCH(QStringList, expiry);
    QFETCH(QString, said);
    FeatureRequest request = requestFor(QStringLiteral("STUCK"));
    const QString key = FeatureCache::keyFor(request);
    const QString lockKey = cache::lockKeyFor(key);
    server_->cli(QStringList{QStringLiteral("SET"), lockKey, QStringLiteral("left-by-hand")} + expiry);
    ShortWaitLookup lookup(server_->port(), request, "a lookup behind a lock no one renews");
    const Notices& notices = lookup.notices;
    QCOMPARE(lookup.tier, CacheTier::None);
    QCOMPARE(lookup.computed.runs.load(), 1);
    test::verifySame(test::sampleFeatures(200, 5, 1), *lookup.value);
    QVERIFY2(lookup.millis >= 2000 && lookup.millis < 10'000, qPrintable(QString::number(lookup.millis)));
    QVERIFY2(notices.texts.size() == 2, qPrintable(notices.texts.join(u'\n')));
    QCOMPARE(notices.texts[0], QStringLiteral("waiting for another process computing STUCK 1h normalised features (lock %1)").arg(lockKey));
    QVERIFY2(notices.at[0] >= 1000 && notices.at[0] < 2000, qPrintable(QString::number(notices.at[0])));
    QVERIFY2(notices.texts[1].startsWith(QStringLiteral("lock %1 %2").arg(lockKey, said)) && notices.texts[1].contains(QLatin1String("stale")),
             qPrintable(notices.texts[1]));
    QCOMPARE(server_->cli({QStringLiteral("EXISTS"), lockKey}), QStringLiteral("0"));  // removed; ours released
    QCOMPARE(server_->cli({QStringLiteral("EXISTS"), key}), QStringLiteral("1"));      // the value is stored
    QVERIFY2(lookup.warnings.isEmpty(), qPrintable(lookup.warnings.join(u'\n')));  // told through the notice only
  }

  // A holder that renews its lock but computes past lock_wait_s keeps it: the waiter says so and
  // computes here without the lock.
  void liveHolderPastTheWaitKeepsItsLock() {
    QProcess holder;
    holder.start(QStringLiteral(CACHE_PROBE), {QString::number(server_->port()), QStringLiteral("LIVE"), QStringLiteral("8000"), QStringLiteral("1500")});
    QVERIFY(holder.waitForReadyRead(10'000));  // "computing": it holds the lock, renewing it
    FeatureRequest request;
    request.symbol = QStringLiteral("LIVE");
    request.input.count = 42;
    const QString lockKey = cache::lockKeyFor(FeatureCache::keyFor(request));
    ShortWaitLookup lookup(server_->port(), request, "a lookup behind a live holder");
    const QString told = lookup.notices.texts.join(u'\n');
    QCOMPARE(lookup.tier, CacheTier::None);
    QCOMPARE(lookup.computed.runs.load(), 1);
    QVERIFY2(lookup.notices.texts.value(lookup.notices.texts.size() - 1)
                 .startsWith(QStringLiteral("waited 2 s for the process holding %1; computing").arg(lockKey)),
             qPrintable(told));
    QVERIFY2(!told.contains(QLatin1String("stale")), qPrintable(told));
    QVERIFY(server_->cli({QStringLiteral("PTTL"), lockKey}).toInt() > 0);  // still the holder's
    QVERIFY(holder.waitForFinished(30'000));
    QCOMPARE(holder.exitCode(), 0);
  }

  // Ctrl-C while waiting for another process: the lookup ends within a poll (PipelineCancelled).
  // A second thread waiting on the same key for a run that was not cancelled takes over the wait
  // (and says so) until its own run is cancelled.
  void cancelEndsTheWaitPromptly() {
    FeatureRequest first = requestFor(QStringLiteral("CANCEL"));
    server_->cli({QStringLiteral("SET"), cache::lockKeyFor(FeatureCache::keyFor(first)), QStringLiteral("left-by-hand")});
    FeatureCache cache(settingsFor(server_->port()), quickOptions());  // lock_wait_s: the default 120 s
    std::atomic_bool cancelFirst{false}, cancelSecond{false};
    FeatureRequest second = first;
    first.cancel = &cancelFirst;
    second.cancel = &cancelSecond;
    Notices toldSecond;
    toldSecond.attach(second);
    QElapsedTimer clock;
    clock.start();
    std::atomic<qint64> firstEnded{-1}, secondEnded{-1};
    auto lookup = [&](const FeatureRequest& request, std::atomic<qint64>* ended) {
      Counted c;
      try {
        cache.getOrCompute(request, c.fn(), static_cast<bool*>(nullptr));
      } catch (const PipelineCancelled&) {
        *ended = clock.elapsed();
      }
    };
    hostile::Watchdog watchdog("lookups waiting behind a lock no one renews", 30);
    std::thread leader(lookup, first, &firstEnded);
    QThread::msleep(200);  // the first leads the key's flight, the second follows it
    std::thread follower(lookup, second, &secondEnded);
    QThread::msleep(1300);
    cancelFirst = true;
    const qint64 firstCancelled = clock.elapsed();
    leader.join();
    QThread::msleep(1500);
    QCOMPARE(secondEnded.load(), qint64{-1});  // not cancelled: waiting in the first one's place
    cancelSecond = true;
    const qint64 secondCancelled = clock.elapsed();
    follower.join();
    QVERIFY2(firstEnded >= 0 && firstEnded - firstCancelled < 1000, qPrintable(QString::number(firstEnded - firstCancelled)));
    QVERIFY2(secondEnded >= 0 && secondEnded - secondCancelled < 1000, qPrintable(QString::number(secondEnded - secondCancelled)));
    QVERIFY2(toldSecond.all().contains(QLatin1String("waiting for another process computing CANCEL 1h")), qPrintable(toldSecond.all()));
  }

  void redisAbsentAtStartThenAppears() {
    const int port = test::freeLoopbackPort();
    FeatureCache cache(settingsFor(port, 300), quickOptions());
    QStringList seen;
    cache.setWarningHandler([&seen](const QString& w) { seen.append(w); });
    Counted c;
    CacheTier tier = CacheTier::Redis;
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::None);
    QCOMPARE(c.runs.load(), 1);
    QVERIFY(!cache.redisAvailable());
    QVERIFY2(cache.status().contains(QLatin1String("unavailable")), qPrintable(cache.status()));
    QCOMPARE(seen.size(), 1);
    QVERIFY2(seen[0].contains(QLatin1String("redis unavailable")), qPrintable(seen[0]));
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Memory);  // the memory tier carries on

    RedisServer late;
    late.setPort(port);
    QVERIFY2(late.start(), qPrintable(late.log()));
    QVERIFY(waitForRedis(cache, requestFor(QStringLiteral("probe"))));
    QVERIFY2(seen.join(u'\n').contains(QLatin1String("reachable again")), qPrintable(seen.join(u'\n')));
    cache.getOrCompute(requestFor(QStringLiteral("B")), c.fn(), &tier);
    QCOMPARE(late.cli({QStringLiteral("EXISTS"), FeatureCache::keyFor(requestFor(QStringLiteral("B")))}), QStringLiteral("1"));
  }

  void redisKilledMidRunAndRestarted() {
    FeatureCache cache(settingsFor(server_->port(), 300), quickOptions(1000));
    Counted c;
    CacheTier tier = CacheTier::None;
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QVERIFY(cache.redisAvailable());
    server_->kill();
    cache.getOrCompute(requestFor(QStringLiteral("B")), c.fn(), &tier);  // Redis dies under it
    QCOMPARE(tier, CacheTier::None);
    QVERIFY(!cache.redisAvailable());
    QVERIFY(cache.warnings().join(u'\n').contains(QLatin1String("redis unavailable")));
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Memory);
    QCOMPARE(c.runs.load(), 2);

    QVERIFY(server_->start());  // same port, empty
    QVERIFY(waitForRedis(cache, requestFor(QStringLiteral("probe"))));
    cache.getOrCompute(requestFor(QStringLiteral("C")), c.fn(), &tier);
    QCOMPARE(server_->cli({QStringLiteral("EXISTS"), FeatureCache::keyFor(requestFor(QStringLiteral("C")))}), QStringLiteral("1"));
  }

  void slowRedisTimesOut() {
    FeatureCache cache(settingsFor(server_->port(), 250), quickOptions());
    Counted c;
    cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), static_cast<bool*>(nullptr));
    QVERIFY(cache.redisAvailable());
    server_->pause();
    QElapsedTimer timer;
    timer.start();
    CacheTier tier = CacheTier::Redis;
    cache.getOrCompute(requestFor(QStringLiteral("B")), c.fn(), &tier);
    const qint64 stalled = timer.elapsed();
    QCOMPARE(tier, CacheTier::None);
    QVERIFY(!cache.redisAvailable());
    QVERIFY2(cache.warnings().join(u'\n').contains(QLatin1String("timed out")), qPrintable(cache.warnings().join(u'\n')));
    qInfo() << "a stopped server cost" << stalled << "ms with a 250 ms timeout";
    // Fresh connections to the stopped server time out too (the kernel still accepts them).
    FeatureCache other(settingsFor(server_->port(), 250), quickOptions());
    other.getOrCompute(requestFor(QStringLiteral("B")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::None);
    QVERIFY(!other.redisAvailable());
    server_->resume();
    QVERIFY(waitForRedis(cache, requestFor(QStringLiteral("probe"))));
  }

  void authAndDatabaseIndex() {
    RedisServer locked({QStringLiteral("--requirepass"), QStringLiteral("s3cret pass")});
    QVERIFY(locked.start());
    qputenv("STRATA_TEST_REDIS_PASSWORD", "s3cret pass");
    CacheSettings s = settingsFor(locked.port());
    s.redisPasswordEnv = QStringLiteral("STRATA_TEST_REDIS_PASSWORD");
    s.redisDb = 3;
    Counted c;
    {
      FeatureCache cache(s, quickOptions());
      cache.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), static_cast<bool*>(nullptr));
      QVERIFY2(cache.redisAvailable(), qPrintable(cache.status()));
    }
    const QStringList auth{QStringLiteral("--no-auth-warning"), QStringLiteral("-a"), QStringLiteral("s3cret pass")};
    QCOMPARE(locked.cli(auth + QStringList{QStringLiteral("-n"), QStringLiteral("3"), QStringLiteral("DBSIZE")}), QStringLiteral("1"));
    QCOMPARE(locked.cli(auth + QStringList{QStringLiteral("-n"), QStringLiteral("0"), QStringLiteral("DBSIZE")}), QStringLiteral("0"));
    FeatureCache again(s, quickOptions());
    CacheTier tier = CacheTier::None;
    again.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::Redis);

    qputenv("STRATA_TEST_REDIS_PASSWORD", "wrong");
    FeatureCache refused(s, quickOptions());
    refused.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QCOMPARE(tier, CacheTier::None);
    QVERIFY(!refused.redisAvailable());
    QVERIFY2(refused.warnings().join(u'\n').contains(QLatin1String("WRONGPASS")), qPrintable(refused.warnings().join(u'\n')));
    qunsetenv("STRATA_TEST_REDIS_PASSWORD");
    FeatureCache noPassword(s, quickOptions());
    noPassword.getOrCompute(requestFor(QStringLiteral("A")), c.fn(), &tier);
    QVERIFY(!noPassword.redisAvailable());
  }

  void clearRemovesOnlyStrataKeys() {
    FeatureCache cache(settingsFor(server_->port()), quickOptions(1000));
    Counted c;
    for (const char* symbol : {"AAPL", "AAPL.X", "MSFT"})
      cache.getOrCompute(requestFor(QString::fromLatin1(symbol)), c.fn(), static_cast<bool*>(nullptr));
    cache.setFeature(QStringLiteral("rsi"), {{QStringLiteral("window"), 14}}, Eigen::VectorXd::LinSpaced(10, 0, 1));
    server_->cli({QStringLiteral("SET"), QStringLiteral("someone:else"), QStringLiteral("1")});
    QString error;
    std::optional<RedisUsage> usage = cache.redisUsage(&error);
    QVERIFY2(usage, qPrintable(error));
    QCOMPARE(usage->values, 4);
    QVERIFY(usage->chunks >= 3);
    QVERIFY(usage->bytes > 3 * 200 * 5 * 8);
    const qint64 aaplKeys = 1 + usage->chunks / 3;  // a manifest and its chunks (3 equal matrices)
    const qint64 removed = cache.clear(QStringLiteral("AAPL"), &error);
    QCOMPARE(removed, aaplKeys);
    bool hit = false;
    cache.getOrCompute(requestFor(QStringLiteral("AAPL.X")), c.fn(), &hit);
    QVERIFY(hit);
    QVERIFY(cache.clear({}, &error) > 0);
    QCOMPARE(server_->cli({QStringLiteral("DBSIZE")}), QStringLiteral("1"));
    QCOMPARE(server_->cli({QStringLiteral("GET"), QStringLiteral("someone:else")}), QStringLiteral("1"));
    cache.getOrCompute(requestFor(QStringLiteral("MSFT")), c.fn(), &hit);
    QVERIFY(!hit);
  }

  void getSetFeatureAndFrame() {
    FeatureCache writer(settingsFor(server_->port()), quickOptions());
    const Eigen::VectorXd values = Eigen::VectorXd::LinSpaced(50, -1, 1);
    const QVariantMap params{{QStringLiteral("window"), 14}, {QStringLiteral("method"), QStringLiteral("sma")}};
    writer.setFeature(QStringLiteral("rsi"), params, values, 30);
    writer.setFrame(requestFor(QStringLiteral("X")), std::make_shared<const FeatureSet>(test::sampleFeatures(30, 2)));
    FeatureCache reader(settingsFor(server_->port()), quickOptions());
    const std::optional<Eigen::VectorXd> got = reader.getFeature(QStringLiteral("rsi"), params);
    QVERIFY(got);
    QVERIFY(*got == values);
    QVERIFY(!reader.getFeature(QStringLiteral("rsi"), {{QStringLiteral("window"), 15}}));
    const int ttl = server_->cli({QStringLiteral("TTL"), FeatureCache::featureKeyFor(QStringLiteral("rsi"), params)}).toInt();
    QVERIFY(ttl > 0 && ttl <= 30);
    CacheTier tier = CacheTier::None;
    const SharedFeatureSet frame = reader.getFrame(requestFor(QStringLiteral("X")), &tier);
    QVERIFY(frame);
    QCOMPARE(tier, CacheTier::Redis);
    test::verifySame(test::sampleFeatures(30, 2), *frame);
    QVERIFY(!reader.getFrame(requestFor(QStringLiteral("Y"))));
  }

  // Timeframes run concurrently in FeatureEngineer: many threads, several keys, a memory tier
  // too small to hold them (so Redis serves most), and Redis killed and restarted under them.
  // Every answer is the right matrix; computations happen only around the outage.
  void manyThreadsManyKeysThroughAKill() {
    CacheSettings s = settingsFor(server_->port(), 300);
    s.memoryBytes = static_cast<qint64>(cache::featureSetBytes(test::sampleFeatures(100, 3)) * 3 / 2);
    FeatureCache cache(s, quickOptions(4096));
    std::atomic_int computed[5] = {};
    std::atomic_int wrong{0};
    std::atomic_bool stop{false};
    auto worker = [&](int thread) {
      for (int round = 0; round < 100 || !stop.load(); ++round) {
        const int k = (thread + round) % 5;
        const SharedFeatureSet value = cache.getOrCompute(
            requestFor(QStringLiteral("K%1").arg(k)),
            [&, k] {
              ++computed[k];
              QThread::msleep(20);
              return test::sampleFeatures(100, 3, static_cast<std::uint64_t>(k));
            },
            static_cast<bool*>(nullptr));
        if (!value || value->matrix(7, 1) != test::sampleFeatures(100, 3, static_cast<std::uint64_t>(k)).matrix(7, 1)) ++wrong;
        QThread::msleep(5);
      }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back(worker, t);
    QThread::msleep(150);
    server_->kill();
    QThread::msleep(300);
    const bool restarted = server_->start();
    const qint64 redisHitsAtRestart = cache.stats().redis.hits;
    // The threads keep going until the cache is back on Redis and has served from it (bounded).
    for (int i = 0; i < 200 && restarted && cache.stats().redis.hits <= redisHitsAtRestart; ++i) QThread::msleep(50);
    stop = true;
    for (std::thread& t : threads) t.join();
    QVERIFY(restarted);
    QCOMPARE(wrong.load(), 0);
    int total = 0;
    for (const auto& c : computed) total += c.load();
    const CacheStats stats = cache.stats();
    qInfo() << total << "computations," << stats.redis.hits << "redis hits (" << redisHitsAtRestart
            << "before the restart)," << stats.memory.hits << "memory hits";
    QVERIFY(stats.redis.hits > redisHitsAtRestart);  // it came back to Redis while the threads ran
    const QString warnings = cache.warnings().join(u'\n');
    QVERIFY2(warnings.contains(QLatin1String("unavailable")) && warnings.contains(QLatin1String("reachable again")),
             qPrintable(warnings));
  }

  // The original spec's sequence (docs/spec.md): FeatureEngineer asks the cache per timeframe
  // (and for the aligned matrix); a second engineer in a fresh cache is served from Redis, bit
  // for bit; a changed parameter is not.
  void featureEngineerThroughRedis() {
    PluginRegistry registry;
    test::loadRealPlugins(registry);
    std::vector<Diagnostic> errors;
    std::optional<Pipeline> pipeline = Pipeline::build(PipelineConfig::defaults(), registry, &errors);
    QVERIFY(pipeline);
    auto source = std::make_shared<CsvDirectorySource>(QStringLiteral(STRATA_RESOURCES_DIR "/data"), BadRowPolicy::Reject);
    const std::vector<Timeframe> timeframes{*Timeframe::parse(QStringLiteral("1d")), *Timeframe::parse(QStringLiteral("1w"))};
    GenerateOptions options;
    options.aligned = true;

    auto first = std::make_shared<FeatureCache>(settingsFor(server_->port()), quickOptions());
    const MultiTimeframeResult computed =
        FeatureEngineer(source, *pipeline, first).generateMultiTimeframeFeatures(QStringLiteral("AAPL"), timeframes, 0, options);
    QVERIFY2(computed.aligned, qPrintable(computed.alignedError));
    for (const TimeframeResult& r : computed.perTimeframe) QVERIFY2(r.features && !r.fromCache, qPrintable(r.error));
    QCOMPARE(first->stats().computations, 3);

    auto second = std::make_shared<FeatureCache>(settingsFor(server_->port()), quickOptions());
    QStringList tiers;
    std::mutex tiersMutex;
    second->setEventHandler([&](const CacheEvent& e) {
      std::lock_guard lock(tiersMutex);
      tiers << e.timeframe + QLatin1Char(' ') + cacheTierName(e.servedFrom);
    });
    const MultiTimeframeResult served =
        FeatureEngineer(source, *pipeline, second).generateMultiTimeframeFeatures(QStringLiteral("AAPL"), timeframes, 0, options);
    tiers.sort();
    QCOMPARE(tiers, (QStringList{QStringLiteral("1d redis"), QStringLiteral("1d redis"), QStringLiteral("1w redis")}));
    QCOMPARE(second->stats().computations, 0);
    for (std::size_t i = 0; i < timeframes.size(); ++i) {
      QVERIFY(served.perTimeframe[i].fromCache);
      test::verifySame(*computed.perTimeframe[i].features, *served.perTimeframe[i].features);
    }
    test::verifySame(*computed.aligned, *served.aligned);

    PipelineConfig changed = PipelineConfig::defaults();
    changed.steps[0].params.insert(QStringLiteral("window"), 15);
    std::optional<Pipeline> other = Pipeline::build(changed, registry, &errors);
    QVERIFY(other);
    const TimeframeResult otherResult =
        FeatureEngineer(source, *other, second).generateFeatures(QStringLiteral("AAPL"), timeframes[0], 0);
    QVERIFY(otherResult.features && !otherResult.fromCache);
    options.aligned = false;
    options.normalize = false;
    const MultiTimeframeResult raw =
        FeatureEngineer(source, *pipeline, second).generateMultiTimeframeFeatures(QStringLiteral("AAPL"), timeframes, 0, options);
    QVERIFY(!raw.perTimeframe[0].fromCache);
  }

  void computeFailureStoresNothingAndReleasesTheLock() {
    FeatureCache cache(settingsFor(server_->port()), quickOptions());
    const FeatureRequest request = requestFor(QStringLiteral("ERR"));
    bool threw = false;
    try {
      cache.getOrCompute(request, []() -> FeatureSet { throw std::runtime_error("plugin failed"); }, static_cast<bool*>(nullptr));
    } catch (const std::runtime_error&) {
      threw = true;
    }
    QVERIFY(threw);
    QCOMPARE(server_->cli({QStringLiteral("DBSIZE")}), QStringLiteral("0"));  // no value, no lock
    Counted c;
    bool hit = true;
    cache.getOrCompute(request, c.fn(), &hit);
    QVERIFY(!hit);
    QCOMPARE(c.runs.load(), 1);
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  TestCacheRedis test;
  return QTest::qExec(&test, argc, argv);
}

#include "test_cache_redis.moc"
