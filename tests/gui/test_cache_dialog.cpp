// Settings > Cache... in the real workbench window against a REAL redis-server on a free
// loopback port: the dialog shows Redis connected, a TTL typed into it is what the next run's
// values get in Redis (redis-cli TTL), it is remembered in QSettings and given back to a new
// cache at start-up; with Redis off the dialog says so. A run behind a lock no one renews shows
// the wait in Jobs and finishes after cache.lock_wait_s.
#include "cache_dialog.h"
#include "jobs_panel.h"
#include "redis_server.h"
#include "strata/feature_cache.h"
#include "symbol_browser.h"
#include "workbench_window.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTextStream>
#include <QtTest>

#include "gui_test_support.h"

using namespace strata;
using namespace strata::ui;
using strata::ui::test::typeInto;

namespace {

QString writeSettings(const QDir& dir, int redisPort, bool redis, const QString& moreCache = {}) {
  const QString path = dir.filePath(QStringLiteral("strata.yaml"));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  QTextStream(&file) << "data:\n  source: csv\n  csv_dir: \"" STRATA_RESOURCES_DIR "/data\"\n"
                     << "cache:\n  redis: " << (redis ? "true" : "false") << "\n  redis_host: 127.0.0.1\n"
                     << "  redis_port: " << redisPort << "\n  redis_cache_ttl: 3600\n  timeout_ms: 500\n" << moreCache;
  return path;
}

}  // namespace

class TestCacheDialog : public QObject {
  Q_OBJECT
  QTemporaryDir temp_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    QCoreApplication::setApplicationName(QStringLiteral("CacheDialogTest"));
    QSettings().clear();
  }

  void newTtlIsWhatTheNextStoresGet() {
    strata::test::RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.log()));
    auto bench = Workbench::create(writeSettings(QDir(temp_.path()), server.port(), true),
                                   {QStringLiteral(STRATA_PLUGIN_DIR)});
    QVERIFY2(bench->source, qPrintable(bench->sourceError));
    auto cache = std::dynamic_pointer_cast<FeatureCache>(bench->store);
    QVERIFY(cache);
    QCOMPARE(cache->redisTtl(), 3600);
    WorkbenchWindow window(*bench, WindowOptions{false, false});
    window.show();

    auto* dialog = qobject_cast<CacheDialog*>(window.openCacheDialog());
    QVERIFY(dialog);
    QCOMPARE(dialog->ttlEditor()->value(), 3600);
    QCOMPARE(dialog->ttlEditor()->minimum(), 1);
    QCOMPARE(dialog->ttlEditor()->maximum(), 31536000);
    typeInto(dialog->ttlEditor(), QStringLiteral("120"));
    QCOMPARE(dialog->ttlEditor()->value(), 120);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(cache->redisTtl(), 120);
    QCOMPARE(QSettings().value(QLatin1String(CacheDialog::kTtlSettingsKey)).toInt(), 120);

    QVERIFY(QTest::qWaitFor([&] { return !window.symbols()->currentSymbol().isEmpty(); }, 30'000));
    QString error;
    QVERIFY2(window.startRun(&error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return !window.isRunning() && window.lastOutcome(); }, 120'000));

    const QStringList keys = server.cli({QStringLiteral("--scan"), QStringLiteral("--pattern"),
                                         QStringLiteral("strata:v1:features:*")})
                                 .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    int values = 0;
    for (const QString& key : keys) {
      if (key.contains(QLatin1String(":chunk:"))) continue;  // chunks outlive their value by a grace
      ++values;
      const int ttl = server.cli({QStringLiteral("TTL"), key}).toInt();
      QVERIFY2(ttl > 60 && ttl <= 120, qPrintable(key + QStringLiteral(" has TTL %1").arg(ttl)));
    }
    QVERIFY2(values > 0, "the run stored no value in redis");

    auto* again = qobject_cast<CacheDialog*>(window.openCacheDialog());
    QVERIFY(again->redisStateLabel()->text().startsWith(QLatin1String("connected to 127.0.0.1:")));
    QCOMPARE(again->ttlEditor()->value(), 120);
    again->close();

    // The next session: a fresh cache built from the same settings gets the remembered TTL.
    FeatureCache next(cache->settings());
    QCOMPARE(next.redisTtl(), 3600);
    CacheDialog::restoreTtl(next);
    QCOMPARE(next.redisTtl(), 120);
  }

  void waitForAnotherProcessIsShownInJobs() {
    strata::test::RedisServer server;
    QVERIFY2(server.start(), qPrintable(server.log()));
    auto bench = Workbench::create(writeSettings(QDir(temp_.path()), server.port(), true, QStringLiteral("  lock_wait_s: 2\n")),
                                   {QStringLiteral(STRATA_PLUGIN_DIR)});
    auto cache = std::dynamic_pointer_cast<FeatureCache>(bench->store);
    QVERIFY(cache);
    WorkbenchWindow window(*bench, WindowOptions{false, false});
    window.show();
    QVERIFY(QTest::qWaitFor([&] { return !window.symbols()->currentSymbol().isEmpty(); }, 30'000));
    QString error;
    QVERIFY2(window.startRun(&error), qPrintable(error));  // learns the run's keys
    QVERIFY(QTest::qWaitFor([&] { return !window.isRunning() && window.lastOutcome(); }, 120'000));
    const QString timeframe = window.lastOutcome()->request.timeframes.front().name();
    const QStringList values = server.cli({QStringLiteral("--scan"), QStringLiteral("--pattern"),
                                           QStringLiteral("strata:v1:features:*:%1:*").arg(timeframe)})
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                                   .filter(QRegularExpression(QStringLiteral("^[^:]+(:[^:]+){5}$")));  // no chunk keys
    QVERIFY(!values.isEmpty());
    QVERIFY(cache->clear({}, &error) >= 0);
    for (const QString& key : values) server.cli({QStringLiteral("SET"), key + QStringLiteral(":lock"), QStringLiteral("left-by-hand")});

    QVERIFY2(window.startRun(&error), qPrintable(error));
    QVERIFY2(QTest::qWaitFor([&] { return window.jobs()->outcomeText(timeframe).startsWith(QLatin1String("waiting for another process computing")); }, 10'000),
             qPrintable(window.jobs()->outcomeText(timeframe)));
    QVERIFY(QTest::qWaitFor([&] { return !window.isRunning() && window.lastOutcome(); }, 60'000));
    QVERIFY2(window.jobs()->outcomeText(timeframe).contains(QLatin1String("rows x")), qPrintable(window.jobs()->outcomeText(timeframe)));
    for (const QString& key : values) QCOMPARE(server.cli({QStringLiteral("EXISTS"), key + QStringLiteral(":lock")}), QStringLiteral("0"));
  }

  void redisOffIsShown() {
    auto bench = Workbench::create(writeSettings(QDir(temp_.path()), 1, false), {QStringLiteral(STRATA_PLUGIN_DIR)});
    WorkbenchWindow window(*bench, WindowOptions{false, false});
    auto* dialog = qobject_cast<CacheDialog*>(window.openCacheDialog());
    QVERIFY(dialog);
    QVERIFY2(dialog->redisStateLabel()->text().startsWith(QLatin1String("off in the settings")),
             qPrintable(dialog->redisStateLabel()->text()));
  }

  void cleanupTestCase() { QSettings().clear(); }
};

QTEST_MAIN(TestCacheDialog)
#include "test_cache_dialog.moc"
