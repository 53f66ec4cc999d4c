// Libraries that crash, hang or end the process while loading (issue 20, item 5): each is tried
// in a child process first, refused with the reason, and the process that loads them lives on
// and still loads every good plugin. Once in-process, then through the real strata-cli.
#include "strata/plugin_registry.h"

#include <QFileInfo>
#include <QProcess>
#include <QtTest>

using namespace strata;

namespace {

const QString kCrashingDir = QStringLiteral(STRATA_CRASHING_PLUGIN_DIR);
const QString kPluginDir = QStringLiteral(STRATA_PLUGIN_DIR);
constexpr std::chrono::milliseconds kProbeLimit{1500};

const RefusedPlugin* refusalOf(const PluginRegistry& registry, const QString& id) {
  for (const RefusedPlugin& r : registry.refused())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

class TestPluginProbe : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    registry_.setProbeLimit(kProbeLimit);
    QCOMPARE(registry_.loadDirectory(kCrashingDir), 0);
    QCOMPARE(static_cast<int>(registry_.refused().size()), 4);
  }

  void refusedInProcess_data() {
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("reason");
    const QString crashed = QStringLiteral("loading it crashed (signal 11, Segmentation fault");
    QTest::newRow("crashes inside dlopen")
        << "test_crashes_on_load" << QStringList{crashed, "tried in a separate process"};
    QTest::newRow("constructor crashes")
        << "test_crashes_in_constructor" << QStringList{crashed, "tried in a separate process"};
    QTest::newRow("constructor hangs")
        << "test_hangs_in_constructor"
        << QStringList{"did not finish within 1.5 s", "tried in a separate process"};
    QTest::newRow("constructor exits")
        << "test_exits_in_constructor" << QStringList{"ended the process with exit status 7"};
  }
  void refusedInProcess() {
    QFETCH(QString, id);
    QFETCH(QStringList, reason);
    const RefusedPlugin* refusal = refusalOf(registry_, id);
    QVERIFY2(refusal, qPrintable(id + " was not refused"));
    for (const QString& fragment : reason)
      QVERIFY2(refusal->reason.contains(fragment), qPrintable(refusal->reason));
  }

  // This process lived through all four and still loads the real plugins.
  void goodPluginsStillLoad() {
    QVERIFY(registry_.loadDirectory(kPluginDir) > 0);
    QVERIFY(registry_.find(QStringLiteral("rsi")));
  }

  // The real CLI lists the four with their reasons and runs with the good plugins beside them.
  void cliListsThem() {
    QProcess cli;
    cli.start(QStringLiteral(STRATA_CLI),
              {QStringLiteral("plugins"), QStringLiteral("--plugin-dir"), kCrashingDir,
               QStringLiteral("--plugin-dir"), kPluginDir});
    QVERIFY(cli.waitForFinished(60'000));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    const QString output =
        QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    QVERIFY2(cli.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Refused plugins (4)")), qPrintable(output));
    for (const char* id : {"test_crashes_on_load", "test_crashes_in_constructor",
                           "test_hangs_in_constructor", "test_exits_in_constructor"})
      QVERIFY2(output.contains(QLatin1String(id)), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("rsi")), qPrintable(output));
  }

 private:
  PluginRegistry registry_;
};

QTEST_GUILESS_MAIN(TestPluginProbe)
#include "test_plugin_probe.moc"
