// Raw values kept with the features (Pipeline::runKeepingRaw, GenerateOptions::keepRaw): one
// computation gives run()'s features and computeRaw()'s raw set bit for bit (float64 and float32,
// every normalisation, reports included); FeatureEngineer hands both out, shares one set when the
// features are raw, and hands out each timeframe's bars first (barsReady); and a cache hit (the
// real FeatureCache, memory tier) still brings the raw set, stored under its own key, the one a
// `normalize = false` request reads.
#include "engineer_support.h"
#include "strata/feature_cache.h"
#include "strata/feature_engineer.h"
#include "strata/synthetic.h"

#include <QtTest>

#include <cstring>
#include <map>
#include <mutex>

using namespace strata;

namespace {

const QString kSymbol = QStringLiteral("SYN");

QString reportDifference(const ValidationReport& a, const ValidationReport& b) {
  if (a.warnings != b.warnings) return QStringLiteral("warnings differ: %1 vs %2").arg(a.warnings.join('|'), b.warnings.join('|'));
  if (a.columns.size() != b.columns.size()) return QStringLiteral("report columns: %1 vs %2").arg(a.columns.size()).arg(b.columns.size());
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    const ColumnStats &x = a.columns[i], &y = b.columns[i];
    if (x.name != y.name || x.nanCount != y.nanCount || x.posInfCount != y.posInfCount ||
        x.negInfCount != y.negInfCount || x.constant != y.constant)
      return QStringLiteral("report column %1 (%2) differs").arg(i).arg(x.name);
  }
  return {};
}

bool sameBytes(const void* a, const void* b, std::size_t bytes) { return bytes == 0 || std::memcmp(a, b, bytes) == 0; }

/// Empty when `a` and `b` hold the same bits everywhere (matrix, target, normalisation, report).
QString exactDifference(const FeatureSet& a, const FeatureSet& b) {
  if (a.columns != b.columns) return QStringLiteral("columns differ");
  if (a.timestamps != b.timestamps) return QStringLiteral("timestamps differ");
  if (a.matrix.precision() != b.matrix.precision()) return QStringLiteral("precisions differ");
  if (a.matrix.rows() != b.matrix.rows() || a.matrix.cols() != b.matrix.cols()) return QStringLiteral("shapes differ");
  if (!sameBytes(a.matrix.storage(), b.matrix.storage(), a.matrix.bytes())) {
    for (Eigen::Index c = 0; c < a.matrix.cols(); ++c)
      for (Eigen::Index r = 0; r < a.matrix.rows(); ++r) {
        const double x = a.matrix(r, c), y = b.matrix(r, c);
        if (!sameBytes(&x, &y, sizeof x)) return QStringLiteral("%1 row %2: %3 vs %4").arg(a.columns[c]).arg(r).arg(x).arg(y);
      }
  }
  if (a.target.size() != b.target.size() ||
      !sameBytes(a.target.data(), b.target.data(), static_cast<std::size_t>(a.target.size()) * sizeof(double)))
    return QStringLiteral("targets differ");
  const NormalizationParams &na = a.normalization, &nb = b.normalization;
  if (na.fitRows != nb.fitRows || na.min.size() != nb.min.size() || na.max.size() != nb.max.size() ||
      !sameBytes(na.min.data(), nb.min.data(), na.min.size() * sizeof(double)) ||
      !sameBytes(na.max.data(), nb.max.data(), na.max.size() * sizeof(double)))
    return QStringLiteral("normalisation parameters differ");
  return reportDifference(a.report, b.report);
}

Bars testBars() {
  Bars bars = synthesizeBars({.rows = 3000, .seed = 11});
  bars.volume[40] = 0;  // pct-changes of volume divide by zero: infinite values in the report
  return bars;
}

}  // namespace

class KeepRawTest : public QObject {
  Q_OBJECT
  PluginRegistry registry_;
  std::optional<Pipeline> pipeline_;

  Pipeline pipelineWith(const std::function<void(PipelineConfig&)>& change) {
    PipelineConfig config = PipelineConfig::defaults();
    change(config);
    std::vector<Diagnostic> errors;
    std::optional<Pipeline> p = Pipeline::build(config, registry_, &errors);
    if (!p) qFatal("pipeline: %s", qPrintable(errors.front().toString()));
    return std::move(*p);
  }

 private slots:
  void initTestCase() {
    pipeline_ = test::defaultPipeline(registry_);
    QVERIFY(pipeline_);
  }

  void oneComputationGivesBoth_data() {
    QTest::addColumn<int>("precision");  // 0 float64, 1 float32
    QTest::addColumn<int>("method");     // 0 min-max, 1 none
    QTest::addColumn<int>("fit");        // NormFit
    QTest::newRow("float64 min-max all") << 0 << 0 << int(NormFit::All);
    QTest::newRow("float64 min-max train fraction") << 0 << 0 << int(NormFit::TrainFraction);
    QTest::newRow("float64 min-max expanding") << 0 << 0 << int(NormFit::Expanding);
    QTest::newRow("float64 none") << 0 << 1 << int(NormFit::All);
    QTest::newRow("float32 min-max all") << 1 << 0 << int(NormFit::All);
    QTest::newRow("float32 none") << 1 << 1 << int(NormFit::All);
  }

  void oneComputationGivesBoth() {
    QFETCH(int, precision);
    QFETCH(int, method);
    QFETCH(int, fit);
    const Pipeline pipeline = pipelineWith([&](PipelineConfig& c) {
      c.precision = precision ? Precision::Float32 : Precision::Float64;
      c.normalization.method = method ? NormMethod::None : NormMethod::MinMax;
      c.normalization.fit = static_cast<NormFit>(fit);
      c.normalization.trainFraction = 0.7;
    });
    const Bars bars = testBars();
    for (int threads : {1, 2}) {
      RunOptions options;
      options.threads = threads;
      const FeaturesWithRaw both = pipeline.runKeepingRaw(bars, options);
      const QString features = exactDifference(both.features, pipeline.run(bars, options));
      QVERIFY2(features.isEmpty(), qPrintable(features));
      // Without normalisation and rounding the features are the raw values: nothing extra kept.
      QCOMPARE(both.raw.has_value(), !pipeline.runGivesRaw());
      const QString raw = exactDifference(both.raw ? *both.raw : both.features, pipeline.computeRaw(bars, options));
      QVERIFY2(raw.isEmpty(), qPrintable(raw));
    }
    QCOMPARE(pipeline.runGivesRaw(), precision == 0 && method == 1);
  }

  void theReportsSayWhatTheirSetsHold() {
    // The infinite pct-changes of volume are counted in both reports; "constant" only judges the
    // normalised columns (a column of infinities is flattened to zeros by min-max).
    const FeaturesWithRaw both = pipeline_->runKeepingRaw(testBars());
    QVERIFY(!both.features.report.infColumns().isEmpty());
    QCOMPARE(both.raw->report.infColumns(), both.features.report.infColumns());
    QVERIFY(both.raw->report.constantColumns().isEmpty());
    QVERIFY(both.raw->report.warnings.size() < both.features.report.warnings.size());  // no leakage warning
    QCOMPARE(both.raw->matrix.bytes(), both.features.matrix.bytes());  // what keeping the raw values costs
  }

  void engineerKeepsTheRawValuesOfItsRun() {
    const Bars bars = testBars();
    auto source = std::make_shared<test::MemorySource>(kSymbol, bars);
    const FeatureEngineer engineer(source, *pipeline_);
    const Timeframe minute = Timeframe::fromSeconds(60);
    GenerateOptions options;
    QVERIFY(!engineer.generateFeatures(kSymbol, minute, 0, options).raw);  // only when asked
    options.keepRaw = true;
    const TimeframeResult result = engineer.generateFeatures(kSymbol, minute, 0, options);
    QVERIFY(result.raw && result.raw != result.features);
    QCOMPARE(exactDifference(*result.features, pipeline_->run(bars)), QString());
    QCOMPARE(exactDifference(*result.raw, pipeline_->computeRaw(bars)), QString());
    // The raw set's bar columns are the bars it was computed from.
    QCOMPARE(result.raw->timestamps, bars.timestamps);
    const Eigen::VectorXd* fields[] = {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
    for (int c = 0; c < 5; ++c)
      QVERIFY2(sameBytes(result.raw->matrix.column(c).data(), fields[c]->data(), std::size_t(bars.size()) * sizeof(double)),
               qPrintable(kBarColumns[c]));
    // Raw features asked for: one set serves as both.
    options.normalize = false;
    const TimeframeResult raw = engineer.generateFeatures(kSymbol, minute, 0, options);
    QCOMPARE(raw.raw, raw.features);
    // Several timeframes at once, each with its own raw set; each timeframe's bars are handed
    // out once before its features are computed (barsReady), the very bars of its raw set.
    options.normalize = true;
    std::mutex mutex;
    std::map<QString, std::vector<Timestamp>> handedOut;
    options.barsReady = [&](const Timeframe& tf, const Bars& b) {
      std::lock_guard lock(mutex);
      QVERIFY(!handedOut.count(tf.name()));
      handedOut[tf.name()] = b.timestamps;
    };
    const MultiTimeframeResult multi = engineer.generateMultiTimeframeFeatures(
        kSymbol, {minute, Timeframe::fromSeconds(300)}, 0, options);
    QCOMPARE(handedOut.size(), std::size_t(2));
    for (const TimeframeResult& r : multi.perTimeframe) {
      QVERIFY2(r.raw && r.features, qPrintable(r.error));
      QCOMPARE(r.raw->timestamps, r.features->timestamps);
      QCOMPARE(handedOut[r.timeframe.name()], r.raw->timestamps);
    }
  }

  void aCacheHitStillBringsTheRawValues() {
    const Bars bars = testBars();
    auto source = std::make_shared<test::MemorySource>(kSymbol, bars);
    CacheSettings settings;
    settings.redis = false;  // the memory tier: a real FeatureCache, no server
    auto cache = std::make_shared<FeatureCache>(settings);
    const FeatureEngineer engineer(source, *pipeline_, cache);
    const Timeframe minute = Timeframe::fromSeconds(60);
    GenerateOptions options;
    options.keepRaw = true;
    const TimeframeResult first = engineer.generateFeatures(kSymbol, minute, 0, options);
    QVERIFY(!first.fromCache && first.raw);
    QCOMPARE(cache->stats().computations, 2);  // features and raw set: one computation, two stores
    const TimeframeResult second = engineer.generateFeatures(kSymbol, minute, 0, options);
    QVERIFY(second.fromCache);
    QCOMPARE(cache->stats().computations, 2);
    QCOMPARE(cache->stats().memory.hits, 2);
    QCOMPARE(exactDifference(*second.raw, pipeline_->computeRaw(bars)), QString());
    // The raw set sits under the key raw features are asked for with.
    GenerateOptions raw;
    raw.normalize = false;
    const TimeframeResult asRaw = engineer.generateFeatures(kSymbol, minute, 0, raw);
    QVERIFY(asRaw.fromCache);
    QCOMPARE(exactDifference(*asRaw.features, *first.raw), QString());

    // Only the features cached (a run without keepRaw): the raw set is computed on its own.
    auto fresh = std::make_shared<FeatureCache>(settings);
    const FeatureEngineer again(source, *pipeline_, fresh);
    (void)again.generateFeatures(kSymbol, minute, 0, {});
    const TimeframeResult later = again.generateFeatures(kSymbol, minute, 0, options);
    QVERIFY(later.fromCache && later.raw);
    QCOMPARE(exactDifference(*later.raw, pipeline_->computeRaw(bars)), QString());
  }
};

QTEST_GUILESS_MAIN(KeepRawTest)
#include "test_keep_raw.moc"
