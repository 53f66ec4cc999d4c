// The aligned multi-timeframe matrix: a hand-built case with known answers, and truncation
// invariance across timeframes (removing the bars after t changes no value at row t) on a
// synthetic 1m series, raw values, many random t.
#include "../test_support.h"
#include "engineer_support.h"
#include "strata/aligned_matrix.h"
#include "strata/feature_engineer.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace strata;

namespace {

constexpr Timestamp kMinute = 60'000'000;

FeatureSet oneColumn(const std::vector<Timestamp>& times, const std::vector<double>& values) {
  FeatureSet f;
  f.timestamps = times;
  f.columns = {QStringLiteral("x")};
  f.matrix = ColumnMatrix(static_cast<Eigen::Index>(times.size()), 1);
  std::copy(values.begin(), values.end(), f.matrix.column(0).begin());
  f.target = Eigen::VectorXd::LinSpaced(static_cast<Eigen::Index>(times.size()), 0, 1);
  return f;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

class AlignedMatrixTest : public QObject {
  Q_OBJECT
  PluginRegistry registry_;
  std::optional<Pipeline> pipeline_;

 private slots:
  void initTestCase() {
    pipeline_ = test::defaultPipeline(registry_);
    QVERIFY(pipeline_);
  }

  void handBuiltCase() {
    const Timestamp t0 = *parseIsoUtc("2024-03-04T09:00:00Z");
    // 1m rows 09:00..09:09 and, after a gap, 09:15; 5m bars at 09:00, 09:05, 09:10 (whose
    // minutes are missing from the base) and 09:15; one 1h bar at 09:00.
    std::vector<Timestamp> minutes;
    for (int i = 0; i < 10; ++i) minutes.push_back(t0 + i * kMinute);
    minutes.push_back(t0 + 15 * kMinute);
    std::vector<double> minuteValues(minutes.size());
    for (std::size_t i = 0; i < minuteValues.size(); ++i) minuteValues[i] = static_cast<double>(i);
    const FeatureSet base = oneColumn(minutes, minuteValues);
    const FeatureSet fives = oneColumn({t0, t0 + 5 * kMinute, t0 + 10 * kMinute, t0 + 15 * kMinute}, {100, 105, 110, 115});
    const FeatureSet hour = oneColumn({t0}, {1000});
    const auto m1 = *Timeframe::parse(QStringLiteral("1m")), m5 = *Timeframe::parse(QStringLiteral("5m")),
               h1 = *Timeframe::parse(QStringLiteral("1h"));

    // Given in an order other than by size: the base is still the smallest timeframe.
    const FeatureSet aligned = alignTimeframes({{m5, &fives}, {m1, &base}, {h1, &hour}});
    QCOMPARE(aligned.columns, (QStringList{QStringLiteral("5m__x"), QStringLiteral("1m__x"), QStringLiteral("1h__x")}));
    QCOMPARE(aligned.timestamps, minutes);
    QCOMPARE(aligned.target, base.target);
    const double nan = std::nan("");
    // The 09:00 5m bar closes at 09:05, the close of the 09:04 1m bar (row 4); the 09:05 bar
    // at 09:10 (row 9); the 09:15 1m bar closes at 09:16, after the 09:10 bar (09:15) but
    // before the 09:15 one (09:20).
    const std::vector<double> expectedFives = {nan, nan, nan, nan, 100, 100, 100, 100, 100, 105, 110};
    for (std::size_t i = 0; i < minutes.size(); ++i) {
      const auto r = static_cast<Eigen::Index>(i);
      QVERIFY2(sameBits(aligned.matrix(r, 0), expectedFives[i]) || (std::isnan(aligned.matrix(r, 0)) && std::isnan(expectedFives[i])),
               qPrintable(QStringLiteral("row %1: 5m %2, expected %3").arg(i).arg(aligned.matrix(r, 0)).arg(expectedFives[i])));
      QCOMPARE(aligned.matrix(r, 1), minuteValues[i]);
      QVERIFY2(std::isnan(aligned.matrix(r, 2)), "the 1h bar has not closed by 09:16");
    }
  }

  void truncationInvariance() {
    SyntheticSpec spec;
    spec.rows = 4 * 1440 + 333;  // four days and a part
    spec.seed = 7;
    const Bars bars = synthesizeBars(spec);
    std::vector<Timeframe> timeframes;
    for (const char* tf : {"1m", "5m", "15m", "1h", "1d"}) timeframes.push_back(*Timeframe::parse(QLatin1String(tf)));
    GenerateOptions options;
    options.aligned = true;
    options.normalize = false;  // raw: normalisation with fit: all looks ahead by design
    options.threads = 2;
    auto alignedOf = [&](Bars input) {
      const FeatureEngineer engineer(std::make_shared<test::MemorySource>(QStringLiteral("S"), std::move(input)), *pipeline_);
      MultiTimeframeResult r = engineer.generateMultiTimeframeFeatures(QStringLiteral("S"), timeframes, 0, options);
      if (!r.aligned) qWarning() << r.alignedError;
      return r;
    };
    const MultiTimeframeResult full = alignedOf(bars);
    QVERIFY(full.aligned);
    const FeatureSet& all = *full.aligned;
    QCOMPARE(all.matrix.rows(), bars.size());

    std::mt19937_64 rng(20240304);
    std::vector<Eigen::Index> cuts = {0, 59, 60, 1439, 1440 + 59};  // bucket edges: a bar closes exactly at t
    for (int k = 0; k < 20; ++k) cuts.push_back(static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(bars.size())));
    int partialBarsThatDiffer = 0;
    for (const Eigen::Index t : cuts) {
      const MultiTimeframeResult cut = alignedOf(bars.head(t + 1));
      QVERIFY(cut.aligned);
      const FeatureSet& part = *cut.aligned;
      QCOMPARE(part.matrix.rows(), t + 1);
      for (Eigen::Index c = 0; c < all.matrix.cols(); ++c)
        QVERIFY2(sameBits(all.matrix(t, c), part.matrix(t, c)),
                 qPrintable(QStringLiteral("row %1 (%2) column %3: %4 with every bar, %5 without the bars after it")
                                .arg(t).arg(isoUtc(bars.timestamps[static_cast<std::size_t>(t)]), all.columns[c])
                                .arg(all.matrix(t, c), 0, 'g', 17).arg(part.matrix(t, c), 0, 'g', 17)));
      // The check can fail: the truncated run's own last 1h bar is still forming and its
      // features usually differ from the finished bar's; only the join keeps them out.
      const FeatureSet& hourFull = *full.perTimeframe[3].features;
      const FeatureSet& hourCut = *cut.perTimeframe[3].features;
      const Eigen::Index last = hourCut.matrix.rows() - 1, closeColumn = hourCut.columns.indexOf(QStringLiteral("close"));
      if (hourFull.matrix(last, closeColumn) != hourCut.matrix(last, closeColumn)) ++partialBarsThatDiffer;
    }
    QVERIFY2(partialBarsThatDiffer > 5, "the cuts never produced a forming higher bar: the test would prove nothing");
  }
};

QTEST_GUILESS_MAIN(AlignedMatrixTest)
#include "test_aligned_matrix.moc"
