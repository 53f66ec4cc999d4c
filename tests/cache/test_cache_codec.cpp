// The cache value format and keys, without a server: exact round trips, and every kind of bad
// blob (truncated, flipped, hostile lengths, wrong magic/version, random mutations) refused with
// a message instead of a crash.
#include "sample_features.h"
#include "strata/feature_cache.h"
#include "strata/plugin_registry.h"
#include "test_support.h"
#include "value_codec.h"

#include <QCoreApplication>
#include <QtTest/QTest>

#include <cstring>
#include <random>

using namespace strata;
using namespace strata::cache;

namespace {

constexpr std::uint64_t kLimit = std::uint64_t{1} << 32;

// Re-seals a hand-edited manifest so that the checks behind the checksum are reached.
void reseal(QByteArray& blob) {
  const std::uint64_t sum = checksum64(blob.constData(), static_cast<std::size_t>(blob.size()) - 8);
  std::memcpy(blob.data() + blob.size() - 8, &sum, 8);
}

template <typename T>
void poke(QByteArray& blob, qsizetype offset, T value) {
  std::memcpy(blob.data() + offset, &value, sizeof value);
}

// The key the test values are bound to, and the offsets of the header fields.
constexpr char kKey[] = "strata:v1:features:TEST:1h:0123";
constexpr qsizetype kVersionAt = 8, kRowsAt = 16, kColsAt = 24, kKeyAt = 56;
constexpr qsizetype kFirstNameAt = kKeyAt + 4 + sizeof kKey - 1;

std::optional<FeatureSet> decodeChunked(const FeatureSet& f, std::uint64_t chunkBytes, bool compress,
                                        QString* error) {
  const ValueEncoder encoder(f, chunkBytes, compress);
  std::vector<EncodedChunk> chunks;
  std::vector<ChunkInfo> infos;
  for (int i = 0; i < encoder.chunkCount(); ++i) {
    chunks.push_back(encoder.chunk(i));
    infos.push_back(chunks.back().info);
  }
  const QByteArray manifest = encoder.manifest(QLatin1String(kKey), 7, infos, nullptr);
  std::optional<Manifest> parsed = parseManifest(manifest, kLimit, error);
  if (!parsed) return std::nullopt;
  ValueDecoder decoder(std::move(*parsed));
  for (int i = static_cast<int>(chunks.size()) - 1; i >= 0; --i)  // any order
    if (!decoder.addChunk(i, chunks[static_cast<std::size_t>(i)].stored, error)) return std::nullopt;
  return decoder.finish(error);
}

}  // namespace

class TestCacheCodec : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<bool>("timestamps");
    QTest::addColumn<bool>("target");
    QTest::addColumn<bool>("compress");
    QTest::addColumn<int>("chunkBytes");
    QTest::addColumn<bool>("float32");
    QTest::newRow("empty") << 0 << 0 << true << true << false << 1024 << false;
    QTest::newRow("no columns") << 5 << 0 << true << true << false << 1024 << false;
    QTest::newRow("one row") << 1 << 3 << true << true << false << 1024 << false;
    QTest::newRow("inline") << 100 << 7 << true << true << false << (1 << 20) << false;
    QTest::newRow("inline zstd") << 100 << 7 << true << true << true << (1 << 20) << false;
    QTest::newRow("raw values, no target") << 50 << 4 << true << false << false << (1 << 20) << false;
    QTest::newRow("single feature") << 50 << 1 << false << false << false << (1 << 20) << false;
    QTest::newRow("chunks straddle arrays") << 333 << 5 << true << true << false << 1000 << false;
    QTest::newRow("chunks zstd") << 333 << 5 << true << true << true << 1000 << false;
    QTest::newRow("chunk = 64 bytes") << 40 << 3 << true << true << false << 64 << false;
    QTest::newRow("chunk = payload") << 10 << 3 << true << true << false << (10 * 3 + 20) * 8 << false;
    QTest::newRow("float32 inline") << 100 << 7 << true << true << false << (1 << 20) << true;
    QTest::newRow("float32 zstd") << 100 << 7 << true << true << true << (1 << 20) << true;
    QTest::newRow("float32 chunks straddle arrays") << 333 << 5 << true << true << false << 1000 << true;
    QTest::newRow("float32 chunk = payload") << 10 << 3 << true << true << false << (10 * 3 * 4 + 20 * 8) << true;
    QTest::newRow("float32 one row") << 1 << 3 << false << false << false << 1024 << true;
  }
  void roundTrip() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(bool, timestamps);
    QFETCH(bool, target);
    QFETCH(bool, compress);
    QFETCH(int, chunkBytes);
    QFETCH(bool, float32);
    const FeatureSet f = test::sampleFeatures(rows, cols, 3, timestamps, target,
                                              float32 ? Precision::Float32 : Precision::Float64);
    QString error;
    std::optional<FeatureSet> back = decodeChunked(f, static_cast<std::uint64_t>(chunkBytes), compress, &error);
    QVERIFY2(back, qPrintable(error));
    test::verifySame(f, *back);
    back = decodeInlineValue(encodeInlineValue(f, compress, QLatin1String(kKey)), kLimit, &error);
    QVERIFY2(back, qPrintable(error));
    test::verifySame(f, *back);
  }

  void compressionKeptOnlyWhenSmaller() {
    FeatureSet zeros = test::sampleFeatures(1000, 4);
    std::fill(zeros.matrix.data(), zeros.matrix.data() + 4000, 0.0);
    const ValueEncoder packed(zeros, 1 << 20, true);
    QCOMPARE(packed.chunk(0).info.codec, ChunkCodec::Zstd);
    QVERIFY(packed.chunk(0).info.storedBytes < packed.chunk(0).info.rawBytes / 2);
    FeatureSet noise = test::sampleFeatures(8, 1);
    std::mt19937_64 random(5);
    for (int i = 0; i < 8; ++i) {
      const std::uint64_t bits = random();
      std::memcpy(noise.matrix.data() + i, &bits, 8);
    }
    noise.timestamps.clear();
    noise.target.resize(0);
    QCOMPARE(ValueEncoder(noise, 1 << 20, true).chunk(0).info.codec, ChunkCodec::Raw);
  }

  void everyTruncationRefused() {
    const QByteArray blob = encodeInlineValue(test::sampleFeatures(20, 3), false, QLatin1String(kKey));
    for (qsizetype n = 0; n < blob.size(); ++n) {
      QString error;
      QVERIFY2(!decodeInlineValue(QByteArrayView(blob).first(n), kLimit, &error), qPrintable(QString::number(n)));
      QVERIFY(!error.isEmpty());
    }
  }

  void everyBitFlipRefused() {
    const QByteArray blob = encodeInlineValue(test::sampleFeatures(6, 2), false, QLatin1String(kKey));
    for (qsizetype i = 0; i < blob.size(); ++i)
      for (int bit = 0; bit < 8; bit += 3) {
        QByteArray bad = blob;
        bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
        QString error;
        QVERIFY2(!decodeInlineValue(bad, kLimit, &error), qPrintable(QStringLiteral("byte %1 bit %2").arg(i).arg(bit)));
      }
  }

  void hostileFields_data() {
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<quint64>("value");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("expected");
    QTest::newRow("version 1 (before values were bound to keys)") << kVersionAt << quint64(1) << 4 << "format version 1";
    QTest::newRow("version 3") << kVersionAt << quint64(3) << 4 << "format version 3";
    QTest::newRow("key longer than blob") << kKeyAt << quint64(0xFFFFFFF0u) << 4 << "key claims";
    QTest::newRow("dtype 9") << kVersionAt + 4 << quint64(9) << 4 << "unknown dtype";
    // A float64 value relabelled float32: its payload is the wrong size for the header.
    QTest::newRow("float64 payload, float32 dtype") << kVersionAt + 4 << quint64(2) << 4 << "float32 columns need";
    QTest::newRow("rows below the data") << kRowsAt << quint64(1) << 8 << "do not match";
    QTest::newRow("rows huge") << kRowsAt << (quint64(1) << 62) << 8 << "exceeds";
    QTest::newRow("rows*cols wraps to small") << kColsAt << (quint64(1) << 61) << 8 << "exceeds";
    QTest::newRow("name longer than blob") << kFirstNameAt << quint64(0xFFFFFFF0u) << 4 << "claims";
    QTest::newRow("timestamps mismatch") << kRowsAt + 16 << quint64(3) << 8 << "do not match";
  }
  void hostileFields() {
    QFETCH(qsizetype, offset);
    QFETCH(quint64, value);
    QFETCH(int, width);
    QFETCH(QString, expected);
    QByteArray blob = encodeInlineValue(test::sampleFeatures(10, 2), false, QLatin1String(kKey));
    if (width == 4)
      poke(blob, offset, static_cast<std::uint32_t>(value));
    else
      poke(blob, offset, value);
    reseal(blob);
    QString error;
    QVERIFY(!decodeInlineValue(blob, kLimit, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
  }

  void wrongMagicAndUnsealedEdits() {
    QByteArray blob = encodeInlineValue(test::sampleFeatures(4, 2), false, QLatin1String(kKey));
    QString error;
    QByteArray wrong = blob;
    wrong[0] = 'X';
    QVERIFY(!decodeInlineValue(wrong, kLimit, &error));
    QVERIFY2(error.contains(QLatin1String("magic")), qPrintable(error));
    poke(blob, kRowsAt, quint64(5));
    QVERIFY(!decodeInlineValue(blob, kLimit, &error));
    QVERIFY2(error.contains(QLatin1String("checksum")), qPrintable(error));
    QVERIFY(!decodeInlineValue(QByteArray("STRATAFC"), kLimit, &error));
    QVERIFY(!decodeInlineValue(QByteArray(), kLimit, &error));
  }

  // The manifest names the key it was stored under (the reader compares it: test_cache_redis).
  void manifestCarriesItsKey() {
    const QString key = QStringLiteral("strata:v1:features:BTC%3AUSD:1d:") + QString(64, QLatin1Char('f'));
    QString error;
    const std::optional<Manifest> inlined = parseManifest(encodeInlineValue(test::sampleFeatures(5, 2), false, key), kLimit, &error);
    QVERIFY2(inlined, qPrintable(error));
    QCOMPARE(inlined->key, key);
    const FeatureSet f = test::sampleFeatures(100, 3);
    const ValueEncoder encoder(f, 512, false);
    std::vector<ChunkInfo> infos;
    for (int i = 0; i < encoder.chunkCount(); ++i) infos.push_back(encoder.chunk(i).info);
    const std::optional<Manifest> chunked = parseManifest(encoder.manifest(key, 3, infos, nullptr), kLimit, &error);
    QVERIFY2(chunked, qPrintable(error));
    QCOMPARE(chunked->key, key);
    QCOMPARE(chunked->generation, std::uint64_t{3});
  }

  void chunkProblemsRefused() {
    const FeatureSet f = test::sampleFeatures(100, 3);
    const ValueEncoder encoder(f, 512, false);
    QVERIFY(encoder.chunkCount() > 3);
    std::vector<ChunkInfo> infos;
    for (int i = 0; i < encoder.chunkCount(); ++i) infos.push_back(encoder.chunk(i).info);
    QString error;
    std::optional<Manifest> m = parseManifest(encoder.manifest(QLatin1String(kKey), 1, infos, nullptr), kLimit, &error);
    QVERIFY2(m, qPrintable(error));
    ValueDecoder decoder(*m);
    QByteArray bad = encoder.chunk(1).stored;
    bad[100] = static_cast<char>(bad[100] ^ 1);
    QVERIFY(!decoder.addChunk(1, bad, &error));
    QVERIFY2(error.contains(QLatin1String("checksum")), qPrintable(error));
    QVERIFY(!decoder.addChunk(1, encoder.chunk(1).stored.first(10), &error));
    QVERIFY(!decoder.addChunk(99, encoder.chunk(1).stored, &error));
    QVERIFY(!decoder.addChunk(1, encoder.chunk(2).stored, &error));  // a chunk in the wrong place
    for (int i = 0; i + 1 < encoder.chunkCount(); ++i) QVERIFY(decoder.addChunk(i, encoder.chunk(i).stored, &error));
    QVERIFY(!decoder.finish(&error));  // the last one never came
    QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
  }

  // Random mutations of valid blobs, re-sealed so the parser's inner checks see them: every
  // result is either a refusal with a message or a well-formed set; nothing crashes (run under
  // -DSTRATA_SANITIZE=ON to see every out-of-bounds read).
  void randomMutationsNeverCrash() {
    std::mt19937_64 random(20261125);
    const QByteArray plain = encodeInlineValue(test::sampleFeatures(12, 3), false, QLatin1String(kKey));
    FeatureSet zeros = test::sampleFeatures(64, 2);
    std::fill(zeros.matrix.data(), zeros.matrix.data() + 128, 0.0);
    const QByteArray packed = encodeInlineValue(zeros, true, QLatin1String(kKey));
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
      QByteArray blob = round % 2 ? plain : packed;
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits; ++e) {
        const auto at = static_cast<qsizetype>(random() % static_cast<std::uint64_t>(blob.size() - 8));
        switch (random() % 4) {
          case 0: blob[at] = static_cast<char>(random()); break;
          case 1: blob[at] = static_cast<char>(0xFF); break;
          case 2: blob.remove(at, 1 + static_cast<qsizetype>(random() % 16)); break;
          default: blob.insert(at, QByteArray(1 + static_cast<qsizetype>(random() % 9), static_cast<char>(random())));
        }
      }
      if (blob.size() < 16) continue;
      reseal(blob);
      QString error;
      const std::optional<FeatureSet> f = decodeInlineValue(blob, kLimit, &error);
      if (!f) {
        QVERIFY(!error.isEmpty());
        ++refused;
        continue;
      }
      QCOMPARE(static_cast<qsizetype>(f->matrix.cols()), f->columns.size());
    }
    qInfo() << refused << "of 20000 mutated blobs refused";
    QVERIFY(refused > 15000);
  }

  void checksumSeesEveryWordAndLength() {
    QByteArray data(1000, '\0');
    const std::uint64_t base = checksum64(data.constData(), 1000);
    QVERIFY(checksum64(data.constData(), 999) != base);
    for (qsizetype i = 0; i < data.size(); i += 37) {
      QByteArray changed = data;
      changed[i] = 1;
      QVERIFY(checksum64(changed.constData(), 1000) != base);
    }
  }
};

// Keys: every input that changes the matrix changes the key; nothing else does.
class TestCacheKeys : public QObject {
  Q_OBJECT

  PluginRegistry registry_;
  std::optional<Pipeline> pipeline_;

  FeatureRequest request() const {
    FeatureRequest r;
    r.symbol = QStringLiteral("AAPL");
    r.timeframe = *Timeframe::parse(QStringLiteral("1h"));
    r.lookbackDays = 30;
    r.pipeline = &*pipeline_;
    r.input.count = 100;
    r.input.first = 1;
    r.input.last = 2;
    r.input.checksum = 0xabcdef;
    return r;
  }

 private slots:
  void initTestCase() {
    test::loadRealPlugins(registry_);
    std::vector<Diagnostic> errors;
    pipeline_ = Pipeline::build(PipelineConfig::defaults(), registry_, &errors);
    QVERIFY(pipeline_);
  }

  void shapeAndStability() {
    const QString key = FeatureCache::keyFor(request());
    QVERIFY2(key.startsWith(QLatin1String("strata:v1:features:AAPL:1h:")), qPrintable(key));
    QCOMPARE(key.section(QLatin1Char(':'), 5).size(), 64);  // SHA-256 hex
    QCOMPARE(FeatureCache::keyFor(request()), key);
  }

  void everyInputChangesTheKey() {
    const QString base = FeatureCache::keyFor(request());
    QList<std::function<void(FeatureRequest&)>> changes = {
        [](FeatureRequest& r) { r.symbol = QStringLiteral("MSFT"); },
        [](FeatureRequest& r) { r.timeframe = *Timeframe::parse(QStringLiteral("4h")); },
        [](FeatureRequest& r) { r.lookbackDays = 31; },
        [](FeatureRequest& r) { r.normalize = false; },
        [](FeatureRequest& r) { r.aligned = true; },
        [](FeatureRequest& r) { r.alignedTimeframes = {QStringLiteral("1h"), QStringLiteral("4h")}; },
        [](FeatureRequest& r) { r.input.count = 101; },
        [](FeatureRequest& r) { r.input.last = 3; },
        [](FeatureRequest& r) { r.input.checksum ^= 1; },
        [](FeatureRequest& r) { r.pipeline = nullptr; },
    };
    QSet<QString> seen{base};
    for (const auto& change : changes) {
      FeatureRequest r = request();
      change(r);
      const QString key = FeatureCache::keyFor(r);
      QVERIFY2(!seen.contains(key), qPrintable(key));
      seen.insert(key);
    }
  }

  void oneParameterChangesTheKey() {
    PipelineConfig changed = PipelineConfig::defaults();
    QVERIFY(!changed.steps.empty());
    changed.steps[0].params.insert(QStringLiteral("window"), 15);
    std::vector<Diagnostic> errors;
    std::optional<Pipeline> other = Pipeline::build(changed, registry_, &errors);
    QVERIFY2(other, errors.empty() ? "" : qPrintable(errors[0].toString()));
    FeatureRequest r = request();
    r.pipeline = &*other;
    QVERIFY(FeatureCache::keyFor(r) != FeatureCache::keyFor(request()));
    changed.target.horizon = 2;
    changed.steps[0].params.remove(QStringLiteral("window"));
    std::optional<Pipeline> third = Pipeline::build(changed, registry_, &errors);
    QVERIFY(third);
    r.pipeline = &*third;
    QVERIFY(FeatureCache::keyFor(r) != FeatureCache::keyFor(request()));
  }

  void precisionChangesTheKey() {
    PipelineConfig single = PipelineConfig::defaults();
    single.precision = Precision::Float32;
    std::vector<Diagnostic> errors;
    std::optional<Pipeline> float32 = Pipeline::build(single, registry_, &errors);
    QVERIFY(float32);
    FeatureRequest r = request();
    r.pipeline = &*float32;
    QVERIFY(FeatureCache::keyFor(r) != FeatureCache::keyFor(request()));
    // float64 written out is the default: the key (and so every float64 entry cached before
    // precision existed) is unchanged.
    PipelineConfig written = PipelineConfig::defaults();
    written.precision = Precision::Float64;
    std::optional<Pipeline> float64 = Pipeline::build(written, registry_, &errors);
    QVERIFY(float64);
    r.pipeline = &*float64;
    QCOMPARE(FeatureCache::keyFor(r), FeatureCache::keyFor(request()));
  }

  void oddSymbolsStayInTheirField_data() {
    QTest::addColumn<QString>("symbol");
    QTest::newRow("colon") << "BTC:USD";
    QTest::newRow("glob") << "A*[B]?";
    QTest::newRow("space and slash") << "BRK B/X";
    QTest::newRow("percent") << "%3A";
    QTest::newRow("unicode") << "ÄPFEL";
    QTest::newRow("empty") << "";
  }
  void oddSymbolsStayInTheirField() {
    QFETCH(QString, symbol);
    FeatureRequest r = request();
    r.symbol = symbol;
    const QString key = FeatureCache::keyFor(r);
    QCOMPARE(key.count(QLatin1Char(':')), 5);
    const QString field = key.section(QLatin1Char(':'), 3, 3);
    QCOMPARE(field, FeatureCache::keySymbol(symbol));
    for (QChar c : field) QVERIFY2(c.isLetterOrNumber() || QStringLiteral("%._~-").contains(c), qPrintable(field));
    QVERIFY(c_str_is_ascii(field));
  }

  void featureKeysIgnoreParameterOrder() {
    QVariantMap a{{QStringLiteral("window"), 14}, {QStringLiteral("column"), QStringLiteral("close")}};
    QVariantMap b;
    b.insert(QStringLiteral("column"), QStringLiteral("close"));
    b.insert(QStringLiteral("window"), 14);
    QCOMPARE(FeatureCache::featureKeyFor(QStringLiteral("rsi"), a), FeatureCache::featureKeyFor(QStringLiteral("rsi"), b));
    b.insert(QStringLiteral("window"), 15);
    QVERIFY(FeatureCache::featureKeyFor(QStringLiteral("rsi"), a) != FeatureCache::featureKeyFor(QStringLiteral("rsi"), b));
  }

 private:
  static bool c_str_is_ascii(const QString& s) {
    for (QChar c : s)
      if (c.unicode() > 127) return false;
    return true;
  }
};

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int status = 0;
  {
    TestCacheCodec codec;
    status |= QTest::qExec(&codec, argc, argv);
  }
  {
    TestCacheKeys keys;
    status |= QTest::qExec(&keys, argc, argv);
  }
  return status;
}

#include "test_cache_codec.moc"
