// How a run behaves, beyond its numbers (tests/test_parity.cpp): cancellation, identical results
// on 1 and 2 threads, progress, bad bars named by column and row, empty input, the report, and
// float32 runs equal to float64 runs rounded to float, bit for bit.
#include "strata/csv_bars.h"
#include "strata/pipeline.h"
#include "strata/synthetic.h"
#include "test_support.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

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

  // The default pipeline with the given normalisation and precision.
  Pipeline pipelineWith(const QString& normalization, Precision precision) {
    std::vector<Diagnostic> errors;
    QString yaml = PipelineConfig::defaultYaml();
    yaml.replace(QRegularExpression(QStringLiteral("\nnormalization: [^\n]*")),
                 QStringLiteral("\nnormalization: ") + normalization);
    std::optional<PipelineConfig> config = PipelineConfig::fromYaml(yaml, QStringLiteral("variant.yaml"), &errors);
    if (!config) qFatal("variant config refused: %s", qPrintable(errors.front().toString()));
    config->precision = precision;
    std::optional<Pipeline> p = Pipeline::build(*config, registry_, &errors);
    if (!p) qFatal("variant pipeline refused");
    return *p;
  }

  static bool sameBits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }
  static bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

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
    // inf_policy spec: min-max turns a column holding inf into zeros (docs/spec.md)
    QVERIFY(f.report.constantColumns().contains(QStringLiteral("volume_pct_1")));
    QVERIFY(f.report.toText().contains(QStringLiteral("look-ahead")));
    QCOMPARE(f.normalization.min.size(), std::size_t{678});
    QCOMPARE(f.normalization.fitRows, Eigen::Index{2000});
  }
  void float32IsFloat64Rounded_data() {
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("normalization");
    const QString spec = QStringLiteral("{method: minmax, fit: all, inf_policy: spec}");
    for (const char* file : {"AAPL", "SPX"}) {
      QTest::addRow("%s spec", file) << QString::fromLatin1(file) << spec;
      QTest::addRow("%s expanding keep", file) << QString::fromLatin1(file)
                                               << QStringLiteral("{fit: expanding, inf_policy: keep}");
    }
    QTest::newRow("AAPL train_fraction clip") << "AAPL" << "{fit: train_fraction, train_fraction: 0.6, inf_policy: clip}";
    QTest::newRow("AAPL nan policy") << "AAPL" << "{inf_policy: nan}";
    QTest::newRow("AAPL raw values") << "AAPL" << "{method: none}";
    for (const char* hostile : {"nan and inf", "constant", "one row", "no rows"}) {
      QTest::addRow("%s spec", hostile) << QString::fromLatin1(hostile) << spec;
      QTest::addRow("%s expanding keep", hostile) << QString::fromLatin1(hostile)
                                                  << QStringLiteral("{fit: expanding, inf_policy: keep}");
    }
  }

  void float32IsFloat64Rounded() {
    QFETCH(QString, data);
    QFETCH(QString, normalization);
    Bars b;
    if (data == u"AAPL" || data == u"SPX") {
      CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/%1.csv").arg(data));
      QVERIFY2(read.bars, qPrintable(read.problems.join(QLatin1Char('\n'))));
      b = std::move(*read.bars);
    } else if (data == u"nan and inf") {
      b = bars(600);
      constexpr double kNaN = std::numeric_limits<double>::quiet_NaN(), kInf = std::numeric_limits<double>::infinity();
      for (int i = 40; i < 60; ++i) b.close[i] = kNaN;  // a NaN run
      b.high[100] = kInf;
      b.low[101] = -kInf;
      b.open[300] = kNaN;
      for (int i = 200; i < 230; ++i) b.volume[i] = 0.0;  // pct-changes become inf
      b.volume[400] = kInf;
    } else if (data == u"constant") {
      b = bars(300);
      b.open.setConstant(50.0), b.high.setConstant(50.0), b.low.setConstant(50.0), b.close.setConstant(50.0);
      b.volume.setConstant(1000.0);
    } else {
      b = bars(data == u"one row" ? 1 : 0);
    }
    const Pipeline double64 = pipelineWith(normalization, Precision::Float64);
    const Pipeline single32 = pipelineWith(normalization, Precision::Float32);
    RunOptions options;
    options.threads = 2;
    const FeatureSet d = double64.run(b, options), f = single32.run(b, options);
    QCOMPARE(d.matrix.precision(), Precision::Float64);
    QCOMPARE(f.matrix.precision(), Precision::Float32);
    QCOMPARE(f.matrix.bytes(), d.matrix.bytes() / 2);
    QCOMPARE(f.columns, d.columns);
    QCOMPARE(f.matrix.rows(), d.matrix.rows());
    QCOMPARE(f.matrix.cols(), d.matrix.cols());
    qint64 nonZero = 0;
    for (Eigen::Index c = 0; c < d.matrix.cols(); ++c) {
      const auto expected = d.matrix.column(c);
      const auto got = f.matrix.column32(c);
      for (std::size_t r = 0; r < expected.size(); ++r) {
        nonZero += expected[r] != 0.0;
        if (!sameBits(got[r], static_cast<float>(expected[r])))
          QFAIL(qPrintable(QStringLiteral("%1 row %2: float32 %3, float64 %4 rounds to %5")
                               .arg(d.columns[c]).arg(r).arg(double(got[r]), 0, 'g', 9)
                               .arg(expected[r], 0, 'g', 17).arg(double(static_cast<float>(expected[r])), 0, 'g', 9)));
      }
    }
    if (d.matrix.rows() > 1 && data != u"constant") QVERIFY(nonZero > d.matrix.rows());  // not all zeros
    // The target, the fitted ranges and the report: the same, bit for bit.
    QCOMPARE(f.target.size(), d.target.size());
    for (Eigen::Index r = 0; r < d.target.size(); ++r) QVERIFY(sameBits(f.target[r], d.target[r]));
    QCOMPARE(f.normalization.fitRows, d.normalization.fitRows);
    QCOMPARE(f.normalization.min.size(), d.normalization.min.size());
    for (std::size_t k = 0; k < d.normalization.min.size(); ++k) {
      QVERIFY(sameBits(f.normalization.min[k], d.normalization.min[k]));
      QVERIFY(sameBits(f.normalization.max[k], d.normalization.max[k]));
    }
    QCOMPARE(f.report.warnings, d.report.warnings);
    QCOMPARE(f.report.columns.size(), d.report.columns.size());
    for (std::size_t k = 0; k < d.report.columns.size(); ++k) {
      const ColumnStats &x = f.report.columns[k], &y = d.report.columns[k];
      QCOMPARE(x.name, y.name);
      QCOMPARE(x.nanCount, y.nanCount);
      QCOMPARE(x.posInfCount, y.posInfCount);
      QCOMPARE(x.negInfCount, y.negInfCount);
      QCOMPARE(x.constant, y.constant);
    }
    if (data == u"nan and inf") QVERIFY(!f.report.infColumns().isEmpty());
    if (data == u"constant") QVERIFY(!f.report.constantColumns().isEmpty());
  }

  // The raw values (charts, truncation checks) stay float64 whatever the precision.
  void computeRawStaysFloat64() {
    const Pipeline single32 = pipelineWith(QStringLiteral("{method: minmax}"), Precision::Float32);
    const Bars b = bars(200);
    QCOMPARE(single32.computeRaw(b).matrix.precision(), Precision::Float64);
    QCOMPARE(single32.run(b).matrix.precision(), Precision::Float32);
  }

  void float32RunsFailAndCancelCleanly() {
    const Pipeline single32 = pipelineWith(QStringLiteral("{method: minmax}"), Precision::Float32);
    std::atomic_bool cancel{false};
    RunOptions options;
    options.cancel = &cancel;
    options.progress = [&](int done, int) {
      if (done >= 10) cancel = true;
    };
    QVERIFY_THROWS_EXCEPTION(PipelineCancelled, single32.run(bars(2000), options));
    // And the next run on the same pipeline is whole.
    RunOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const FeatureSet a = single32.run(bars(3000), one), c = single32.run(bars(3000), two);
    QVERIFY(std::memcmp(a.matrix.storage(), c.matrix.storage(), a.matrix.bytes()) == 0);
  }
};

QTEST_GUILESS_MAIN(PipelineTest)
#include "test_pipeline.moc"
