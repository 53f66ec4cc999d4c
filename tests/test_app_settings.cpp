// Workbench settings: the bundled file, round trips, every bad value located at file:line:col;
// the bars fingerprint: stable, and sensitive to any change of any value or timestamp.
#include "strata/app_settings.h"
#include "strata/fingerprint.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace strata;

class TestAppSettings : public QObject {
  Q_OBJECT
 private slots:
  void bundledFileIsValid() {
    std::vector<Diagnostic> errors;
    const auto s = AppSettings::fromFile(QStringLiteral(STRATA_RESOURCES_DIR "/configs/strata.yaml"), &errors);
    QVERIFY2(s, errors.empty() ? "" : qPrintable(errors.front().toString()));
    QCOMPARE(s->data.source, QStringLiteral("csv"));
    QCOMPARE(s->cache.redisCacheTtl, 3600);
    QCOMPARE(s->cache.redisPort, 6379);
    QCOMPARE(s->cache.compress, false);
    QCOMPARE(s->cache.lockWaitSeconds, 120);
    QCOMPARE(s->data.statementTimeoutSeconds, 300);
    QCOMPARE(s->data.queryTimeoutSeconds, 330);
  }

  void emptyMeansDefaults() {
    std::vector<Diagnostic> errors;
    const auto s = AppSettings::fromYaml(QString(), QStringLiteral("s.yaml"), &errors);
    QVERIFY(s);
    QCOMPARE(s->cache.redisCacheTtl, AppSettings().cache.redisCacheTtl);
  }

  void roundTrip() {
    AppSettings a;
    a.data.source = QStringLiteral("postgres");
    a.data.postgresDsn = QStringLiteral("host=127.0.0.1 port=5433 dbname=strata");
    a.data.badRows = BadRowPolicy::Repair;
    a.cache.redisDb = 3;
    a.cache.redisCacheTtl = 60;
    a.cache.redis = false;
    a.cache.compress = true;
    a.cache.lockWaitSeconds = 7;
    a.data.statementTimeoutSeconds = 0;
    a.data.queryTimeoutSeconds = 9;
    std::vector<Diagnostic> errors;
    const auto b = AppSettings::fromYaml(a.toYaml(), QStringLiteral("rt.yaml"), &errors);
    QVERIFY(b);
    QCOMPARE(b->toYaml(), a.toYaml());
    QCOMPARE(b->data.badRows, BadRowPolicy::Repair);
    QCOMPARE(b->cache.redis, false);
    QCOMPARE(b->cache.compress, true);
    QCOMPARE(b->cache.lockWaitSeconds, 7);
    QCOMPARE(b->data.statementTimeoutSeconds, 0);
    QCOMPARE(b->data.queryTimeoutSeconds, 9);
  }

  void badInputIsLocated_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");  // the start of the first message
    QTest::newRow("unknown section") << "data:\n  source: csv\ncahce:\n  redis: true\n"
                                     << "s.yaml:3:1: settings.cahce: unknown key";
    QTest::newRow("unknown key") << "cache:\n  ttl: 5\n" << "s.yaml:2:3: cache.ttl: unknown key";
    QTest::newRow("bad source") << "data:\n  source: mysql\n" << "s.yaml:2:11: data.source: 'mysql' is not csv or postgres";
    QTest::newRow("ttl zero") << "cache:\n  redis_cache_ttl: 0\n" << "s.yaml:2:20: cache.redis_cache_ttl: 0 is outside [1, 31536000]";
    QTest::newRow("lock wait zero") << "cache:\n  lock_wait_s: 0\n" << "s.yaml:2:16: cache.lock_wait_s: 0 is outside [1, 86400]";
    QTest::newRow("query timeout zero") << "data:\n  query_timeout_s: 0\n" << "s.yaml:2:20: data.query_timeout_s: 0 is outside [1, 86400]";
    QTest::newRow("statement timeout negative") << "data:\n  statement_timeout_s: -1\n"
                                                << "s.yaml:2:24: data.statement_timeout_s: -1 is outside [0, 86400]";
    QTest::newRow("port text") << "cache:\n  redis_port: abc\n" << "s.yaml:2:15: cache.redis_port: expected a whole number";
    QTest::newRow("password in dsn") << "data:\n  postgres_dsn: \"host=x password=hunter2\"\n"
                                     << "s.yaml:2:17: data.postgres_dsn: never put a password";
    QTest::newRow("not a map") << "data: [1, 2]\n" << "s.yaml:1:7: data: expected a mapping";
    QTest::newRow("bad flag") << "cache:\n  redis: maybe\n" << "s.yaml:2:10: cache.redis";
    QTest::newRow("compress not a flag") << "cache:\n  redis: true\n  compress: zstd\n"
                                         << "s.yaml:3:13: cache.compress: expected true or false";
    QTest::newRow("syntax") << "data: {source: csv\n" << "s.yaml:";
  }
  void badInputIsLocated() {
    QFETCH(QString, yaml);
    QFETCH(QString, expected);
    std::vector<Diagnostic> errors;
    QVERIFY(!AppSettings::fromYaml(yaml, QStringLiteral("s.yaml"), &errors));
    QVERIFY(!errors.empty());
    QVERIFY2(errors.front().toString().startsWith(expected), qPrintable(errors.front().toString()));
  }

  void missingFileIsAnError() {
    std::vector<Diagnostic> errors;
    QVERIFY(!AppSettings::fromFile(QStringLiteral("/nonexistent/strata.yaml"), &errors));
    QVERIFY(errors.front().toString().contains(QLatin1String("/nonexistent/strata.yaml")));
  }

  void fingerprintSeesEveryChange() {
    Bars bars;
    bars.resize(50);
    for (int i = 0; i < 50; ++i) {
      bars.timestamps[static_cast<std::size_t>(i)] = 1'700'000'000'000'000LL + i * 60'000'000LL;
      bars.open[i] = 100 + i;
      bars.high[i] = 101 + i;
      bars.low[i] = 99 + i;
      bars.close[i] = 100.5 + i;
      bars.volume[i] = 1000 + i;
    }
    const BarsFingerprint base = fingerprint(bars);
    QCOMPARE(base, fingerprint(bars));
    QCOMPARE(base.count, 50);
    QCOMPARE(base.first, bars.timestamps.front());
    QVERIFY(base.toString().startsWith(QLatin1String("n=50;")));
    for (Eigen::VectorXd* column : {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume}) {
      for (int row : {0, 17, 49}) {
        const double saved = (*column)[row];
        (*column)[row] = std::nextafter(saved, std::numeric_limits<double>::infinity());
        QVERIFY(fingerprint(bars) != base);
        (*column)[row] = saved;
      }
    }
    // Moving a value to another column or swapping two rows must change it too.
    std::swap(bars.close[3], bars.close[4]);
    QVERIFY(fingerprint(bars) != base);
    std::swap(bars.close[3], bars.close[4]);
    std::swap(bars.open[5], bars.close[5]);
    QVERIFY(fingerprint(bars) != base);
    std::swap(bars.open[5], bars.close[5]);
    bars.timestamps[10] += 1;
    QVERIFY(fingerprint(bars) != base);
    bars.timestamps[10] -= 1;
    QCOMPARE(fingerprint(bars), base);
    QCOMPARE(fingerprint(Bars{}).count, 0);
  }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_app_settings.moc"
