// `strata-cli check-plugin` end to end: the real binary on every plugin library in the build's
// plugin directory (each passes, exit 0), on the purpose-built bad plugins (each fails the check
// it breaks and no other, exit 1, or is refused, exit 3, with the reason), its JSON report and its
// command line errors (exit 2).
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace {

const QString kBadDir = QStringLiteral(STRATA_BAD_PLUGIN_DIR);

struct Run {
  int exitCode = -1;
  QString out, err;
};

Run checkPlugin(const QStringList& args) {
  QProcess process;
  process.start(QStringLiteral(STRATA_CLI), QStringList{QStringLiteral("check-plugin")} + args);
  Run run;
  if (!process.waitForFinished(300'000) || process.exitStatus() != QProcess::NormalExit) {
    run.err = QStringLiteral("strata-cli did not finish normally: ") + process.errorString();
    return run;
  }
  run.exitCode = process.exitCode();
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

QString badPlugin(const QString& name) {
  return kBadDir + QStringLiteral("/libstrata_test_%1.so").arg(name);
}

// The names after "checks failed: " on the report's last line; empty when it passed.
QStringList failedChecks(const QString& report) {
  static const QRegularExpression line(
      QStringLiteral("^result: FAIL, \\d+ of \\d+ checks failed: (.*)$"),
      QRegularExpression::MultilineOption);
  const QRegularExpressionMatch m = line.match(report);
  return m.hasMatch() ? m.captured(1).split(QStringLiteral(", ")) : QStringList{};
}

}  // namespace

class TestCheckPluginCli : public QObject {
  Q_OBJECT

 private slots:
  void bundledPluginPasses_data() {
    QTest::addColumn<QString>("library");
    const QDir dir(QStringLiteral(STRATA_PLUGIN_DIR));
    const QStringList libraries = dir.entryList({QStringLiteral("*.so")}, QDir::Files, QDir::Name);
    QVERIFY2(!libraries.isEmpty(), "no plugin library in " STRATA_PLUGIN_DIR);
    for (const QString& file : libraries)
      QTest::newRow(qPrintable(file)) << dir.absoluteFilePath(file);
  }
  void bundledPluginPasses() {
    QFETCH(QString, library);
    const Run run = checkPlugin({library});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("result: PASS, all 8 checks hold")),
             qPrintable(run.out));
    QVERIFY2(!run.out.contains(QStringLiteral("FAIL")), qPrintable(run.out));
  }

  void badPluginFails_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("failed");     // exactly these checks fail
    QTest::addColumn<QStringList>("fragments");  // each appears in the report
    QTest::newRow("lookahead") << "lookahead"
                               << QStringList{"lookback", "truncation", "short-inputs"}
                               << QStringList{
                                      "test_lookahead row ", "it reads later rows (look-ahead)",
                                      "leading NaN rows differ from the metadata lookback '1': "
                                      "expected 1 leading NaN rows, got 0"};
    QTest::newRow("wrong_lookback")
        << "wrong_lookback" << QStringList{"lookback"}
        << QStringList{
               "[defaults; clean bars] test_wrong_lookback: leading NaN rows "
               "differ from the metadata lookback 'window - 1': expected 2 "
               "leading NaN rows, got 3"};
    QTest::newRow("loose_schema")
        << "loose_schema" << QStringList{"lookback"}
        << QStringList{
               "[window=0 (min); clean bars] test_loose_schema: the metadata "
               "lookback 'window - 1' is negative here"};
    QTest::newRow("throws") << "throws"
                            << QStringList{"lookback", "truncation", "non-finite", "short-inputs",
                                           "threads"}
                            << QStringList{
                                   "compute threw on task 0 (test_throws): deliberate failure in "
                                   "test_throws::compute"};
    QTest::newRow("skips_nan") << "skips_nan" << QStringList{"non-finite"}
                               << QStringList{
                                      "[defaults; non-finite bars] test_skips_nan row ",
                                      "outputs must be fully written: expected a value (NaN where "
                                      "undefined), got nothing written"};
    QTest::newRow("shared_state") << "shared_state" << QStringList{"threads"}
                                  << QStringList{"the plugin shares mutable state", " on thread "};
  }
  void badPluginFails() {
    QFETCH(QString, name);
    QFETCH(QStringList, failed);
    QFETCH(QStringList, fragments);
    const Run run = checkPlugin({badPlugin(name)});
    QVERIFY2(run.exitCode == 1,
             qPrintable(QStringLiteral("exit %1\n").arg(run.exitCode) + run.out + run.err));
    QCOMPARE(failedChecks(run.out), failed);
    for (const QString& check : failed)
      QVERIFY2(run.out.contains(QStringLiteral("FAIL  ") + check), qPrintable(run.out));
    for (const QString& fragment : fragments)
      QVERIFY2(run.out.contains(fragment), qPrintable(run.out));
  }

  void refused_data() {
    QTest::addColumn<QString>("library");
    QTest::addColumn<QString>("reason");
    QTest::newRow("metadata lookback")
        << badPlugin("meta_lookback")
        << "refused by the plugin registry: invalid metadata: output "
           "'test_meta_lookback': lookback 'windw - 1': unknown name 'windw'";
    QTest::newRow("IID") << badPlugin("api_iid")
                         << "built for interface 'org.strata.FeaturePlugin/999'";
    QTest::newRow("apiVersion") << badPlugin("api_json") << "plugin API version 999";
    QTest::newRow("missing symbol")
        << badPlugin("missing_symbol") << "strata_test_undefined_function";
    QTest::newRow("not a plugin") << badPlugin("not_a_plugin") << "not a Qt plugin";
    QTest::newRow("no such file") << kBadDir + "/libstrata_test_absent.so"
                                  << "libstrata_test_absent.so: no such file";
  }
  void refused() {
    QFETCH(QString, library);
    QFETCH(QString, reason);
    const Run run = checkPlugin({library});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(QStringLiteral("cannot check ")), qPrintable(run.err));
    QVERIFY2(run.err.contains(reason), qPrintable(run.err));
    const Run json = checkPlugin({QStringLiteral("--json"), library});
    QCOMPARE(json.exitCode, 3);
    const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(report.value("loaded").toBool(true), false);
    QVERIFY2(report.value("reason").toString().contains(reason), qPrintable(json.out));
  }

  void jsonReport() {
    const Run run = checkPlugin({QStringLiteral("--json"), badPlugin("lookahead")});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value("passed").toBool(true), false);
    QCOMPARE(report.value("plugin").toObject().value("id").toString(),
             QStringLiteral("test_lookahead"));
    QStringList names;
    QJsonObject truncation;
    for (const QJsonValue& check : report.value("checks").toArray()) {
      names << check.toObject().value("name").toString();
      if (names.back() == u"truncation") truncation = check.toObject();
    }
    QCOMPARE(names, (QStringList{"metadata", "plan", "lookback", "truncation", "parameters",
                                 "non-finite", "short-inputs", "threads"}));
    const QJsonObject failure = truncation.value("failures").toArray().first().toObject();
    QCOMPARE(failure.value("output").toString(), QStringLiteral("test_lookahead"));
    QVERIFY(failure.value("row").toInt(-1) >= 0);
    QVERIFY(!failure.value("expected").toString().isEmpty());
    QVERIFY(!failure.value("got").toString().isEmpty());
    QCOMPARE(failure.value("parameters").toString(), QStringLiteral("defaults"));

    const Run good = checkPlugin({QStringLiteral("--json"), badPlugin("good")});
    QCOMPARE(good.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(good.out.toUtf8()).object().value("passed").toBool(false),
             true);
  }

  void seedAndCuts() {
    const Run run = checkPlugin({QStringLiteral("--seed"), QStringLiteral("7"),
                                 QStringLiteral("--cuts"), QStringLiteral("3"), badPlugin("good")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("x 3 random cuts (seed 7)")), qPrintable(run.out));
  }

  void usage_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no library") << QStringList{} << "give one plugin library";
    QTest::newRow("two libraries")
        << QStringList{badPlugin("good"), badPlugin("throws")} << "give one plugin library";
    QTest::newRow("cuts 0") << QStringList{"--cuts", "0", badPlugin("good")}
                            << "--cuts needs a whole number";
    QTest::newRow("seed text") << QStringList{"--seed", "x", badPlugin("good")}
                               << "--seed needs a whole number";
    QTest::newRow("unknown option")
        << QStringList{"--rows", "5", badPlugin("good")} << "Unknown option 'rows'";
  }
  void usage() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = checkPlugin(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
  }
};

QTEST_GUILESS_MAIN(TestCheckPluginCli)
#include "test_check_plugin_cli.moc"
