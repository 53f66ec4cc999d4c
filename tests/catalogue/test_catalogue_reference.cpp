// The catalogue's indicators beyond TA-Lib against their independent pandas references
// (tests/reference/catalogue_reference.py), each case one step run through the real plugin on
// the bundled real series and the hostile generated ones: every reference column, every row, at
// 1e-9 relative (1e-12 absolute near zero), NaN exactly where the reference has NaN. The
// formulas' cases (tests/reference/formula_reference.py) run through the same test; where a case
// has sensitivity.csv (how far each cell moves when the reference's rolling statistics are
// nudged by a few ulps), 100 times that is allowed on top, as in test_parity.
#include "strata/csv_bars.h"
#include "strata/pipeline.h"
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace strata;

namespace {

QString casesDir() {
  return qEnvironmentVariable("STRATA_CATALOGUE_CASES", QStringLiteral(STRATA_CATALOGUE_CASES));
}

// The first cell where the plugin's output differs from the reference, or "".
QString firstMismatch(const FeatureSet& features, const test::NumericCsv& expected,
                      const test::NumericCsv* sensitivity) {
  for (qsizetype e = 0; e < expected.header.size(); ++e) {
    const QString& name = expected.header[e];
    const qsizetype c = features.columns.indexOf(name);
    if (c < 0) return QStringLiteral("the plugin has no column '%1' (it has %2)").arg(name, features.columns.join(u", "));
    const std::vector<double>& reference = expected.columns[static_cast<std::size_t>(e)];
    if (static_cast<Eigen::Index>(reference.size()) != features.matrix.rows())
      return QStringLiteral("%1 rows, the reference has %2").arg(features.matrix.rows()).arg(reference.size());
    for (Eigen::Index r = 0; r < features.matrix.rows(); ++r) {
      const double ours = features.matrix(r, c), theirs = reference[static_cast<std::size_t>(r)];
      const double slack = sensitivity ? 100.0 * sensitivity->columns[static_cast<std::size_t>(e)][static_cast<std::size_t>(r)] : 0.0;
      if (!test::close(ours, theirs, 1e-9, 1e-12 + slack))
        return QStringLiteral("'%1' row %2: plugin %3, reference %4")
            .arg(name).arg(r).arg(ours, 0, 'g', 17).arg(theirs, 0, 'g', 17);
    }
  }
  return {};
}

}  // namespace

class CatalogueReferenceTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { test::loadRealPlugins(registry_); }

  void matchesReference_data() {
    QTest::addColumn<QString>("caseDir");
    QFile manifest(casesDir() + QStringLiteral("/manifest.txt"));
    QVERIFY2(manifest.open(QIODevice::ReadOnly), "no manifest: run the catalogue_reference test first");
    int cases = 0;
    for (const QByteArray& line : manifest.readAll().split('\n')) {
      const QString name = QString::fromUtf8(line.trimmed());
      if (name.isEmpty()) continue;
      QTest::newRow(qPrintable(name)) << casesDir() + QLatin1Char('/') + name;
      ++cases;
    }
    QVERIFY(cases > 0);
  }

  void matchesReference() {
    QFETCH(QString, caseDir);
    const QDir dir(caseDir);
    QString error;
    const std::optional<Pipeline> pipeline =
        test::pipelineFromFile(dir.filePath(QStringLiteral("pipeline.yaml")), registry_, &error);
    QVERIFY2(pipeline, qPrintable(error));
    const CsvReadResult read = readBarsCsv(dir.filePath(QStringLiteral("../bars.csv")));
    QVERIFY(read.bars.has_value());
    const test::NumericCsv expected = test::readNumericCsv(dir.filePath(QStringLiteral("expected.csv")));
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    std::optional<test::NumericCsv> sensitivity;
    if (dir.exists(QStringLiteral("sensitivity.csv"))) {
      sensitivity = test::readNumericCsv(dir.filePath(QStringLiteral("sensitivity.csv")));
      QVERIFY2(sensitivity->error.isEmpty(), qPrintable(sensitivity->error));
      QCOMPARE(sensitivity->header, expected.header);
    }
    const QString mismatch =
        firstMismatch(pipeline->computeRaw(*read.bars), expected, sensitivity ? &*sensitivity : nullptr);
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

 private:
  PluginRegistry registry_;
};

QTEST_GUILESS_MAIN(CatalogueReferenceTest)
#include "test_catalogue_reference.moc"
