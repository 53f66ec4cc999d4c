// Every column, target and normalised value of the engine against the independent pandas
// reference (tests/reference), for the bundled real data, hostile series and every option.
//
// Tolerances: the reference's "exact" variant computes rolling mean/std/corr two-pass per
// window; the engine must match it at 1e-9 relative (1e-12 absolute near zero), or, for a cell
// that is ill-conditioned (it subtracts nearly equal numbers after a rolling statistic, e.g.
// %B on prices near 1e6 or pct-changes of a trend ratio near 0), within 100 times the cell's
// measured sensitivity to a 1e-15 relative nudge of the rolling statistics (sensitivity.csv). pandas' own
// running-sum rolling std drifts on large prices with small variance (measured: 5e-5 of the
// column's size for prices near 1e6 moving by 1e-7), so against pandas' own numbers the engine
// is held to 1e-6 of max(value, the column's median magnitude) (5e-4 for that one case, as the
// manifest says).
#include "strata/csv_bars.h"
#include "strata/pipeline.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace strata;

namespace {

double medianMagnitude(const std::vector<double>& column) {
  std::vector<double> finite;
  for (double v : column)
    if (std::isfinite(v)) finite.push_back(std::abs(v));
  if (finite.empty()) return 0.0;
  std::nth_element(finite.begin(), finite.begin() + static_cast<std::ptrdiff_t>(finite.size() / 2), finite.end());
  return finite[finite.size() / 2];
}

QString parityDir() {
  return qEnvironmentVariable("STRATA_PARITY_DIR", QStringLiteral(STRATA_PARITY_DIR));
}

// Compares the engine's matrix with a reference CSV; returns the first mismatch, or "".
// Cells that miss the plain tolerance and pass only thanks to their measured sensitivity are
// counted and the worst one is logged, so the allowance is visible rather than silent.
QString compare(const QString& what, const FeatureSet& features, const test::NumericCsv& expected,
                double rel, double abs, bool useTypical,
                const test::NumericCsv* sensitivity = nullptr) {
  qint64 allowed = 0;
  double worstExcess = 0;
  QString worstCell;
  if (!expected.error.isEmpty()) return expected.error;
  if (expected.header != features.columns) {
    for (qsizetype i = 0; i < std::min(expected.header.size(), features.columns.size()); ++i)
      if (expected.header[i] != features.columns[i])
        return QStringLiteral("%1: column %2 is '%3', the reference has '%4'")
            .arg(what).arg(i).arg(features.columns[i], expected.header[i]);
    return QStringLiteral("%1: %2 columns, the reference has %3")
        .arg(what).arg(features.columns.size()).arg(expected.header.size());
  }
  const Eigen::Index rows = features.matrix.rows();
  for (Eigen::Index c = 0; c < features.matrix.cols(); ++c) {
    const auto& reference = expected.columns[static_cast<std::size_t>(c)];
    if (static_cast<Eigen::Index>(reference.size()) != rows)
      return QStringLiteral("%1: %2 rows, the reference has %3").arg(what).arg(rows).arg(reference.size());
    const double typical = useTypical ? medianMagnitude(reference) : 0.0;
    for (Eigen::Index r = 0; r < rows; ++r) {
      const double ours = features.matrix(r, c), theirs = reference[static_cast<std::size_t>(r)];
      const double allowance =
          sensitivity ? 100.0 * sensitivity->columns[static_cast<std::size_t>(c)][static_cast<std::size_t>(r)] : 0.0;
      if (allowance > abs && !test::close(ours, theirs, rel, abs, typical) &&
          test::close(ours, theirs, rel, allowance, typical)) {
        ++allowed;
        const double excess = std::abs(ours - theirs) / std::max(abs, rel * std::max(std::abs(ours), std::abs(theirs)));
        if (excess > worstExcess) {
          worstExcess = excess;
          worstCell = QStringLiteral("'%1' row %2: engine %3, reference %4, allowance %5")
                          .arg(features.columns[c]).arg(r).arg(ours, 0, 'g', 17).arg(theirs, 0, 'g', 17)
                          .arg(allowance, 0, 'g', 3);
        }
      }
      if (!test::close(ours, theirs, rel, std::max(abs, allowance), typical))
        return QStringLiteral("%1: column '%2' row %3: engine %4, reference %5")
            .arg(what, features.columns[c])
            .arg(r)
            .arg(ours, 0, 'g', 17)
            .arg(theirs, 0, 'g', 17);
    }
  }
  if (allowed > 0)
    qInfo("%s: %lld cells beyond the plain tolerance accepted by their sensitivity; worst "
          "(%.3g times the plain tolerance): %s",
          qPrintable(what), static_cast<long long>(allowed), worstExcess, qPrintable(worstCell));
  return {};
}

}  // namespace

class ParityTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { test::loadRealPlugins(registry_); }

  void parity_data() {
    QTest::addColumn<QString>("caseDir");
    QTest::addColumn<double>("pandasTolerance");
    QTest::addColumn<double>("normalizedTolerance");
    QFile manifest(parityDir() + QStringLiteral("/manifest.txt"));
    QVERIFY2(manifest.open(QIODevice::ReadOnly), "no manifest: run the parity_reference test first");
    int cases = 0;
    for (const QByteArray& line : manifest.readAll().split('\n')) {
      const QList<QByteArray> parts = line.trimmed().split(' ');
      if (parts.size() != 3) continue;
      QTest::newRow(parts[0].constData())
          << parityDir() + QLatin1Char('/') + QString::fromUtf8(parts[0]) << parts[1].toDouble()
          << parts[2].toDouble();
      ++cases;
    }
    // The full set, unless a developer points STRATA_PARITY_DIR at a few cases
    // (make_cases.py DATA OUT case,case).
    if (!qEnvironmentVariableIsSet("STRATA_PARITY_DIR")) QVERIFY(cases >= 20);
  }

  void parity() {
    QFETCH(QString, caseDir);
    QFETCH(double, pandasTolerance);
    QFETCH(double, normalizedTolerance);
    const QDir dir(caseDir);
    QString error;
    const std::optional<Pipeline> pipeline =
        test::pipelineFromFile(dir.filePath(QStringLiteral("pipeline.yaml")), registry_, &error);
    QVERIFY2(pipeline, qPrintable(error));
    const CsvReadResult read = readBarsCsv(dir.filePath(QStringLiteral("bars.csv")));
    QVERIFY(read.bars.has_value());

    const FeatureSet raw = pipeline->computeRaw(*read.bars);
    const test::NumericCsv sensitivity =
        test::readNumericCsv(dir.filePath(QStringLiteral("sensitivity.csv")));
    QVERIFY2(sensitivity.error.isEmpty(), qPrintable(sensitivity.error));
    const QString exactMismatch =
        compare(QStringLiteral("raw vs exact"), raw,
                test::readNumericCsv(dir.filePath(QStringLiteral("raw_exact.csv"))), 1e-9, 1e-12,
                false, &sensitivity);
    QVERIFY2(exactMismatch.isEmpty(), qPrintable(exactMismatch));
    const QString pandasMismatch =
        compare(QStringLiteral("raw vs pandas"), raw,
                test::readNumericCsv(dir.filePath(QStringLiteral("raw_pandas.csv"))), pandasTolerance,
                1e-12, true);
    QVERIFY2(pandasMismatch.isEmpty(), qPrintable(pandasMismatch));

    const FeatureSet normalized = pipeline->run(*read.bars);
    // Normalised values lie in [0, 1] (or are +-inf / max double): 1e-9 absolute (1e-8 for
    // prices near 1e6 moving by 1e-7, whose differences carry ~8 digits; see the manifest).
    const test::NumericCsv normalizedSensitivity =
        test::readNumericCsv(dir.filePath(QStringLiteral("sensitivity_normalized.csv")));
    const QString normMismatch =
        compare(QStringLiteral("normalized"), normalized,
                test::readNumericCsv(dir.filePath(QStringLiteral("normalized.csv"))), 1e-9,
                normalizedTolerance, false, &normalizedSensitivity);
    QVERIFY2(normMismatch.isEmpty(), qPrintable(normMismatch));

    const test::NumericCsv target = test::readNumericCsv(dir.filePath(QStringLiteral("target.csv")));
    QVERIFY(target.error.isEmpty());
    QCOMPARE(static_cast<Eigen::Index>(target.columns[0].size()), normalized.target.size());
    for (Eigen::Index r = 0; r < normalized.target.size(); ++r) {
      const double ours = normalized.target[r], theirs = target.columns[0][static_cast<std::size_t>(r)];
      QVERIFY2((std::isnan(ours) && std::isnan(theirs)) || ours == theirs,
               qPrintable(QStringLiteral("target row %1: engine %2, reference %3").arg(r).arg(ours).arg(theirs)));
    }
  }

 private:
  PluginRegistry registry_;
};

QTEST_GUILESS_MAIN(ParityTest)
#include "test_parity.moc"
