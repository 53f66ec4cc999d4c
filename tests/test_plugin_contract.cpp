// The plugin contract on every plugin the registry loads from the real plugin directory (no list
// of ids here), through the one checker `strata-cli check-plugin` also runs (strata/plugin_check.h):
// one row per plugin and check. The default pipeline is also checked end to end for truncation
// invariance through Pipeline::computeRaw.
#include "strata/pipeline.h"
#include "strata/plugin_check.h"
#include "strata/plugin_registry.h"
#include "test_support.h"

#include <QTest>

#include <memory>
#include <random>

using namespace strata;

class TestPluginContract : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<PluginRegistry> registry_;

 private slots:
  void initTestCase() {
    registry_ = std::make_unique<PluginRegistry>();
    test::loadRealPlugins(*registry_);
    QVERIFY2(registry_->refused().empty(), "a real plugin was refused");
    QVERIFY(!registry_->plugins().empty());
  }

  void contract_data() {
    QTest::addColumn<QString>("plugin");
    QTest::addColumn<QString>("check");
    for (const LoadedPlugin& p : registry_->plugins())
      for (const QString& check : pluginCheckNames())
        QTest::newRow(qPrintable(p.info.id + QLatin1Char(' ') + check)) << p.info.id << check;
  }
  void contract() {
    QFETCH(QString, plugin);
    QFETCH(QString, check);
    const LoadedPlugin* p = registry_->find(plugin);
    QVERIFY(p);
    PluginCheckOptions options;
    options.only = {check};
    const PluginCheckReport report = checkPlugin(*p, options);
    QCOMPARE(report.checks.size(), std::size_t(1));
    QVERIFY2(report.passed(), qPrintable(report.toText()));
  }

  void checksCatchAViolator() {
    // The checks themselves work: a test plugin that lies about its lookback and reads the next
    // row is caught by both, naming the output and the row.
    PluginRegistry bad;
    bad.loadDirectory(QStringLiteral(STRATA_BAD_PLUGIN_DIR));
    const LoadedPlugin* liar = bad.find(QStringLiteral("test_lookahead"));
    QVERIFY2(liar, "test_lookahead was not built or not loaded");
    const PluginCheckReport report = checkPlugin(*liar);
    QVERIFY(!report.passed());
    const CheckResult* lookback = report.check(QStringLiteral("lookback"));
    QVERIFY(lookback && lookback->failures.size() == 1);
    QCOMPARE(lookback->failures[0].output, QStringLiteral("test_lookahead"));
    QCOMPARE(lookback->failures[0].expected, QStringLiteral("1 leading NaN rows"));
    QCOMPARE(lookback->failures[0].got, QStringLiteral("0"));
    const CheckResult* truncation = report.check(QStringLiteral("truncation"));
    QVERIFY(truncation && !truncation->passed());
    const CheckFailure& first = truncation->failures[0];
    QCOMPARE(first.output, QStringLiteral("test_lookahead"));
    QVERIFY2(first.input.endsWith(QStringLiteral("rows 0..%1").arg(first.row)), qPrintable(first.toText()));
    QVERIFY2(first.message.contains(QStringLiteral("look-ahead")), qPrintable(first.toText()));
    for (const char* holds : {"metadata", "plan", "parameters", "non-finite", "threads"})
      QVERIFY2(report.check(QLatin1String(holds))->passed(), qPrintable(report.toText()));
  }

  void defaultPipelineTruncation_data() {
    QTest::addColumn<bool>("dirty");
    QTest::newRow("clean") << false;
    QTest::newRow("dirty") << true;
  }
  void defaultPipelineTruncation() {
    QFETCH(bool, dirty);
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(PipelineConfig::defaults(), *registry_, &errors);
    QVERIFY(pipeline);
    const Bars bars = pluginCheckBars(9, dirty);
    const FeatureSet full = pipeline->computeRaw(bars);
    QCOMPARE(full.columns, pipeline->plannedColumns());
    QCOMPARE(full.matrix.rows(), bars.size());
    std::mt19937_64 rng(99);
    for (int round = 0; round < 20; ++round) {
      const auto cut = static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(bars.size()));
      const FeatureSet head = pipeline->computeRaw(bars.head(cut + 1));
      QCOMPARE(head.columns, full.columns);
      for (Eigen::Index j = 0; j < full.matrix.cols(); ++j)
        QVERIFY2(sameResult(head.matrix(cut, j), full.matrix(cut, j)),
                 qPrintable(QStringLiteral("%1 row %2: %3 vs %4").arg(full.columns[j]).arg(cut)
                                .arg(head.matrix(cut, j), 0, 'g', 17).arg(full.matrix(cut, j), 0, 'g', 17)));
    }
  }
};

QTEST_GUILESS_MAIN(TestPluginContract)
#include "test_plugin_contract.moc"
