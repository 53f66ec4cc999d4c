// How a run behaves, beyond its numbers (tests/test_parity.cpp): cancellation, identical results
// on 1 and 2 threads, progress, bad bars named by column and row, empty input, the report.
#include "strata/pipeline.h"
#include "strata/synthetic.h"
#include "test_support.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace strata;

class PipelineTest : public QObject {
  Q_OBJECT

  PluginRegistry registry_;
  std::optional<Pipeline> pipeline_;

  Bars bars(Eigen::Index rows) {
    SyntheticSpec spec;
    spec.rows = rows;
    spec.seed = 5;
    return synthesizeBars(spec);
  }

 private slots:
  void initTestCase() {
    test::loadRealPlugins(registry_);
    std::vector<Diagnostic> errors;
    pipeline_ = Pipeline::build(PipelineConfig::defaults(), registry_, &errors);
    QVERIFY(pipeline_);
    QCOMPARE(pipeline_->plannedColumns().size(), 678);
  }

  void sameResultOnOneAndTwoThreads() {
    const Bars b = bars(3000);
    RunOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const FeatureSet a = pipeline_->run(b, one), c = pipeline_->run(b, two);
    QCOMPARE(a.columns, c.columns);
    QVERIFY(std::memcmp(a.matrix.data(), c.matrix.data(), a.matrix.bytes()) == 0);
  }

  void cancelledBeforeStart() {
    std::atomic_bool cancel{true};
    RunOptions options;
    options.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(PipelineCancelled, pipeline_->run(bars(500), options));
  }

  void cancelledMidRun() {
    std::atomic_bool cancel{false};
    std::atomic_int calls{0};
    RunOptions options;
    options.cancel = &cancel;
    options.progress = [&](int done, int) {
      ++calls;
      if (done >= 10) cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(PipelineCancelled, pipeline_->run(bars(2000), options));
    QVERIFY(calls < 200);  // it stopped early: the default pipeline has ~180 tasks
  }

  void progressReachesTheEnd() {
    std::atomic_int last{0}, total{0};
    RunOptions options;
    options.progress = [&](int done, int all) {
      int seen = last.load();
      while (done > seen && !last.compare_exchange_weak(seen, done)) {}
      total = all;
    };
    pipeline_->run(bars(300), options);
    QVERIFY(total > 0);
    QCOMPARE(last.load(), total.load());
  }

  void badBarsAreNamed() {
    Bars b = bars(200);
    b.close[17] = std::numeric_limits<double>::quiet_NaN();
    b.volume[30] = std::numeric_limits<double>::infinity();
    const FeatureSet f = pipeline_->run(b);
    const QString warnings = f.report.warnings.join(QLatin1Char('\n'));
    QVERIFY2(warnings.contains(QStringLiteral("'close' has 1 NaN and 0 infinite values (first at row 17")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QStringLiteral("'volume' has 0 NaN and 1 infinite values (first at row 30")), qPrintable(warnings));
  }

  void noRowsAndOneRow() {
    for (Eigen::Index rows : {0, 1}) {
      const FeatureSet f = pipeline_->run(bars(rows));
      QCOMPARE(f.matrix.rows(), rows);
      QCOMPARE(f.matrix.cols(), Eigen::Index{678});
      QCOMPARE(f.target.size(), rows);
      if (rows == 1) QVERIFY(std::isnan(f.target[0]));
    }
  }

  void reportNamesInfAndLeakage() {
    Bars b = bars(2000);
    for (int i = 100; i < 105; ++i) b.volume[i] = 0.0;  // volume pct-changes become inf
    const FeatureSet f = pipeline_->run(b);
    QVERIFY(f.report.infColumns().contains(QStringLiteral("volume_pct_1")));
    QVERIFY(f.report.constantColumns().contains(QStringLiteral("volume_pct_1")));  // the spec's min-max
    QVERIFY(f.report.toText().contains(QStringLiteral("look-ahead")));
    QCOMPARE(f.normalization.min.size(), std::size_t{678});
    QCOMPARE(f.normalization.fitRows, Eigen::Index{2000});
  }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "test_pipeline.moc"
