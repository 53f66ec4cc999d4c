// FeatureEngineer: multi-timeframe results equal single-timeframe runs bit for bit (parallel or
// not), the lookback window, a failing timeframe isolated, progress per timeframe and stage,
// cancellation (while computing and while loading; how soon: benchmarks/bench_cancel), and the
// FeatureStore calls.
#include "../test_support.h"
#include "engineer_support.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"
#include "strata/feature_engineer.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <future>

#include <map>
#include <mutex>
#include <thread>

using namespace strata;

namespace {

std::vector<Timeframe> parse(std::initializer_list<const char*> names) {
  std::vector<Timeframe> out;
  for (const char* n : names) out.push_back(*Timeframe::parse(QLatin1String(n)));
  return out;
}

// A real (in-process) FeatureStore: one matrix per request, keyed by what the request holds.
class MapStore : public FeatureStore {
 public:
  SharedFeatureSet getOrCompute(const FeatureRequest& r, const std::function<FeatureSet()>& compute, bool* hit) override {
    const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
                            .arg(r.symbol, r.timeframe.name()).arg(r.lookbackDays).arg(r.aligned).arg(r.normalize)
                            .arg(r.alignedTimeframes.join(QLatin1Char(',')), r.input.toString());
    std::lock_guard lock(mutex_);
    if (r.pipeline == nullptr) throw std::logic_error("request without a pipeline");
    if (auto it = entries_.find(key); it != entries_.end()) {
      *hit = true;
      return it->second;
    }
    *hit = false;
    auto made = std::make_shared<const FeatureSet>(compute());
    entries_[key] = made;
    return made;
  }
  std::size_t size() const { return entries_.size(); }

 private:
  std::mutex mutex_;
  std::map<QString, SharedFeatureSet> entries_;
};

}  // namespace

class FeatureEngineerTest : public QObject {
  Q_OBJECT
  PluginRegistry registry_;
  std::optional<Pipeline> pipeline_;
  QTemporaryDir dir_;
  Bars minutes_;

  std::shared_ptr<DataSource> csvSource() {
    return std::make_shared<CsvDirectorySource>(dir_.path(), BadRowPolicy::Reject);
  }

 private slots:
  void initTestCase() {
    pipeline_ = test::defaultPipeline(registry_);
    QVERIFY(pipeline_);
    SyntheticSpec spec;
    spec.rows = 10 * 1440;
    spec.start += 17 * 60'000'000LL;  // the window does not start on a bucket edge
    minutes_ = synthesizeBars(spec);
    QCOMPARE(writeBarsCsv(minutes_, dir_.filePath(QStringLiteral("SYN.csv"))), QString());
  }

  void multiEqualsSingleBitForBit_data() {
    QTest::addColumn<bool>("parallel");
    QTest::addColumn<bool>("normalize");
    QTest::newRow("parallel, normalised") << true << true;
    QTest::newRow("sequential, raw") << false << false;
  }
  void multiEqualsSingleBitForBit() {
    QFETCH(bool, parallel);
    QFETCH(bool, normalize);
    const FeatureEngineer engineer(csvSource(), *pipeline_);
    const auto timeframes = parse({"1m", "5m", "15m", "1h", "1d"});
    GenerateOptions options;
    options.parallel = parallel;
    options.threads = 2;
    options.normalize = normalize;
    const MultiTimeframeResult multi = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 7, options);
    QCOMPARE(multi.perTimeframe.size(), timeframes.size());
    GenerateOptions single;
    single.parallel = false;
    single.normalize = normalize;
    for (std::size_t i = 0; i < timeframes.size(); ++i) {
      const TimeframeResult& r = multi.perTimeframe[i];
      QVERIFY2(r.features, qPrintable(r.error));
      QCOMPARE(r.timeframe, timeframes[i]);
      const TimeframeResult alone = engineer.generateFeatures(QStringLiteral("SYN"), timeframes[i], 7, single);
      const QString difference = test::firstDifference(*r.features, *alone.features);
      QVERIFY2(difference.isEmpty(), qPrintable(timeframes[i].name() + QStringLiteral(": ") + difference));
      // The window: 7 days back from the end of the last bar, from the bucket holding that instant.
      const Timestamp windowStart = minutes_.timestamps.back() + 60'000'000LL - 7 * 86'400'000'000LL;
      QCOMPARE(r.features->timestamps.front(), timeframes[i].bucketStart(windowStart));
      QCOMPARE(r.features->timestamps.back(), timeframes[i].bucketStart(minutes_.timestamps.back()));
    }
    QVERIFY(multi.perTimeframe[0].features->matrix.rows() <= static_cast<Eigen::Index>(7 * 1440));
  }

  void failingTimeframeIsIsolated() {
    const FeatureEngineer engineer(makeCsvDirectorySource(DataSettings{}), *pipeline_);
    GenerateOptions options;
    options.aligned = true;
    const MultiTimeframeResult r =
        engineer.generateMultiTimeframeFeatures(QStringLiteral("AAPL"), parse({"1d", "1m", "1w"}), 0, options);
    QVERIFY2(r.perTimeframe[0].features, qPrintable(r.perTimeframe[0].error));
    QVERIFY2(r.perTimeframe[2].features, qPrintable(r.perTimeframe[2].error));
    QVERIFY(!r.perTimeframe[1].features);
    QVERIFY2(r.perTimeframe[1].error.contains(QStringLiteral("cannot make 1m bars of 'AAPL' from its stored 1d bars")),
             qPrintable(r.perTimeframe[1].error));
    QVERIFY(!r.aligned);
    QVERIFY2(r.alignedError.contains(QStringLiteral("1m (cannot make")), qPrintable(r.alignedError));
    // An unknown symbol fails every timeframe, and generateFeatures throws.
    const MultiTimeframeResult none = engineer.generateMultiTimeframeFeatures(QStringLiteral("NOPE"), parse({"1d", "1w"}), 0);
    for (const TimeframeResult& t : none.perTimeframe) QVERIFY2(t.error.contains(QStringLiteral("no data for symbol 'NOPE'")), qPrintable(t.error));
    QVERIFY_THROWS_EXCEPTION(DataError, engineer.generateFeatures(QStringLiteral("NOPE"), parse({"1d"})[0], 0));
  }

  void progressPerTimeframeAndStage() {
    const FeatureEngineer engineer(csvSource(), *pipeline_);
    std::mutex mutex;
    std::map<qint64, std::vector<JobProgress>> seen;
    GenerateOptions options;
    options.threads = 2;
    options.progress = [&](const JobProgress& p) {
      std::lock_guard lock(mutex);
      seen[p.timeframe.seconds()].push_back(p);
    };
    const auto timeframes = parse({"5m", "1h"});
    const MultiTimeframeResult r = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 2, options);
    for (const Timeframe& tf : timeframes) {
      const std::vector<JobProgress>& events = seen[tf.seconds()];
      QVERIFY(events.size() >= 4);
      QCOMPARE(events.front().stage, JobStage::Queued);
      QCOMPARE(events[1].stage, JobStage::Loading);
      QCOMPARE(events.back().stage, JobStage::Done);
      // Workers report columns as they finish, so the last report to arrive need not be the
      // highest count; one of them is "all done".
      const bool allComputed = std::any_of(events.begin(), events.end(), [](const JobProgress& p) {
        return p.stage == JobStage::Computing && p.total > 0 && p.done == p.total;
      });
      QVERIFY(allComputed);
      QCOMPARE(events[events.size() - 2].stage, JobStage::Computing);
    }
    QVERIFY(r.perTimeframe[0].millis >= 0);
  }

  void cancellationStopsTheRun_data() {
    QTest::addColumn<bool>("whileLoading");
    QTest::newRow("while computing") << false;
    QTest::newRow("while loading a large file") << true;
  }
  void cancellationStopsTheRun() {
    QFETCH(bool, whileLoading);
    SyntheticSpec spec;
    spec.rows = 150'000;
    const Bars bars = synthesizeBars(spec);
    std::shared_ptr<DataSource> source;
    if (whileLoading) {
      // In the suite's directory, removed at the end: the abandoned load may still be reading.
      const QString big = dir_.filePath(QStringLiteral("big"));
      QVERIFY(QDir().mkpath(big));
      QCOMPARE(writeBarsCsv(bars, big + QStringLiteral("/BIG.csv")), QString());
      source = std::make_shared<CsvDirectorySource>(big, BadRowPolicy::Reject);
    } else {
      source = std::make_shared<test::MemorySource>(QStringLiteral("BIG"), bars);
    }
    const FeatureEngineer engineer(source, *pipeline_);
    std::atomic_bool cancel{false};
    std::atomic_bool computing{false};
    GenerateOptions options;
    options.threads = 2;
    options.cancel = &cancel;
    std::mutex mutex;
    std::vector<JobStage> finalStages;
    options.progress = [&](const JobProgress& p) {
      if (p.stage == JobStage::Computing && p.done > 0) computing = true;
      if (p.stage == JobStage::Cancelled || p.stage == JobStage::Done) {
        std::lock_guard lock(mutex);
        finalStages.push_back(p.stage);
      }
    };
    // A std::thread, not QtConcurrent: ThreadSanitizer sees how its result is handed over.
    std::future<MultiTimeframeResult> running = std::async(std::launch::async, [&] {
      return engineer.generateMultiTimeframeFeatures(QStringLiteral("BIG"), parse({"1m", "5m"}), 0, options);
    });
    if (whileLoading) std::this_thread::sleep_for(std::chrono::milliseconds(30));
    else QTRY_VERIFY_WITH_TIMEOUT(computing.load(), 60000);
    cancel = true;
    // How soon is measured by benchmarks/bench_cancel. Here: it stops, and nothing is returned
    // (an ignored cancel returns features); the deadline only turns a hang into a failure.
    QVERIFY2(running.wait_for(std::chrono::seconds(30)) == std::future_status::ready,
             "the run did not stop within 30 s of the cancel");
    for (const TimeframeResult& t : running.get().perTimeframe) {
      QVERIFY(!t.features);
      QCOMPARE(t.error, QStringLiteral("cancelled"));
    }
    QCOMPARE(finalStages, (std::vector<JobStage>{JobStage::Cancelled, JobStage::Cancelled}));
  }

  void storeServesTheSecondRun() {
    auto store = std::make_shared<MapStore>();
    const FeatureEngineer engineer(csvSource(), *pipeline_, store);
    std::atomic_int hits{0};
    GenerateOptions options;
    options.aligned = true;
    options.progress = [&](const JobProgress& p) { hits += p.stage == JobStage::CacheHit; };
    const auto timeframes = parse({"15m", "1h"});
    const MultiTimeframeResult first = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 3, options);
    QCOMPARE(hits.load(), 0);
    QCOMPARE(store->size(), std::size_t{3});  // two timeframes and the aligned matrix
    const MultiTimeframeResult second = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 3, options);
    QCOMPARE(hits.load(), 2);
    for (std::size_t i = 0; i < timeframes.size(); ++i) {
      QVERIFY(!first.perTimeframe[i].fromCache);
      QVERIFY(second.perTimeframe[i].fromCache);
      QCOMPARE(second.perTimeframe[i].features.get(), first.perTimeframe[i].features.get());
    }
    QCOMPARE(second.aligned.get(), first.aligned.get());
    // Raw matrices are other entries: the request says which.
    options.normalize = false;
    const MultiTimeframeResult raw = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 3, options);
    QVERIFY(!raw.perTimeframe[0].fromCache);
    QCOMPARE(store->size(), std::size_t{6});
    const MultiTimeframeResult rawAgain = engineer.generateMultiTimeframeFeatures(QStringLiteral("SYN"), timeframes, 3, options);
    QVERIFY(rawAgain.perTimeframe[0].fromCache);
    QCOMPARE(rawAgain.perTimeframe[0].features.get(), raw.perTimeframe[0].features.get());
    QVERIFY(raw.perTimeframe[0].features.get() != first.perTimeframe[0].features.get());
  }
};

QTEST_GUILESS_MAIN(FeatureEngineerTest)
#include "test_feature_engineer.moc"
