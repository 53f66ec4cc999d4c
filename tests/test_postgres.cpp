// PostgresDataSource against a real PostgreSQL (tests/services/postgres.sh, a CTest fixture):
// schema creation, import and re-import, loads with ranges, hostile symbols, NaN and NULL rows,
// concurrent loads, password authentication, a dead and an unreachable server, strata-cli import.
#include "postgres/pg_test_support.h"
#include "strata/csv_bars.h"
#include "strata/data_sources.h"
#include "strata/postgres_source.h"
#include "strata/resampler.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include <cmath>
#include <future>
#include <thread>

using namespace strata;
using namespace strata::test;

namespace {

Bars bundled(const char* symbol) {
  const CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/%1.csv").arg(QLatin1String(symbol)));
  return read.bars ? *read.bars : Bars{};
}

Timestamp at(const char* iso) { return *parseIsoUtc(iso); }

qint64 scalar(const QString& dsn, const char* sql) {
  pqxx::connection connection(dsn.toStdString());
  pqxx::nontransaction tx(connection);
  return tx.exec(sql)[0][0].as<qint64>();
}

/// A few bars that pass every CSV check.
Bars smallBars(int count, Timestamp start, Timestamp step) {
  Bars bars;
  bars.resize(count);
  for (int i = 0; i < count; ++i) {
    bars.timestamps[static_cast<std::size_t>(i)] = start + i * step;
    bars.open[i] = 10 + i;
    bars.high[i] = 12 + i;
    bars.low[i] = 9 + i;
    bars.close[i] = 11 + i + 0.125;
    bars.volume[i] = 100 * i;
  }
  return bars;
}

/// Milliseconds until `threads` concurrent loads have all failed with DataError; -1 when one did not.
qint64 concurrentFailureMillis(const PostgresDataSource& source, int threads) {
  QElapsedTimer clock;
  clock.start();
  std::vector<std::future<bool>> workers;
  for (int i = 0; i < threads; ++i)
    workers.push_back(std::async(std::launch::async, [&] {
      try {
        source.loadBars(QStringLiteral("AAPL"), Timeframe::fromSeconds(60), {});
        return false;
      } catch (const DataError&) {
        return true;
      }
    }));
  bool allFailed = true;
  for (auto& w : workers) allFailed = w.get() && allFailed;
  return allFailed ? clock.elapsed() : -1;
}

}  // namespace

class PostgresTest : public QObject {
  Q_OBJECT

  PostgresServer server_;
  QString dsn_;  // a database with AAPL and SPX imported (initTestCase)

 private slots:
  void initTestCase() {
    server_ = testServer();
    QVERIFY2(server_.error.isEmpty(), qPrintable(server_.error));
    dsn_ = freshDatabase(server_, QStringLiteral("strata_shared"));
    const PostgresDataSource source(dsn_, 5);
    for (const char* symbol : {"AAPL", "SPX"}) {
      const Bars bars = bundled(symbol);
      QVERIFY(bars.size() > 1000);
      QCOMPARE(source.importBars(QString::fromLatin1(symbol), bars).inserted, bars.size());
    }
  }

  void schemaIsCreated() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_schema"));
    const PostgresDataSource source(dsn, 5);
    QCOMPARE(source.listSymbols(), QStringList{});
    QVERIFY(!source.hasTimescale());  // Debian has no TimescaleDB: the date_bin path
    pqxx::connection connection(dsn.toStdString());
    pqxx::nontransaction tx(connection);
    const pqxx::result columns = tx.exec(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'bars' "
        "ORDER BY ordinal_position");
    QStringList described;
    for (const pqxx::row& row : columns) described << QStringLiteral("%1 %2").arg(row[0].c_str(), row[1].c_str());
    QCOMPARE(described, (QStringList{"symbol text", "ts timestamp with time zone", "open double precision",
                                     "high double precision", "low double precision", "close double precision",
                                     "volume double precision"}));
    const pqxx::result key = tx.exec(
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
        "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'bars'::regclass AND i.indisprimary "
        "ORDER BY array_position(i.indkey, a.attnum)");
    QCOMPARE(key.size(), 2);
    QCOMPARE(QString::fromUtf8(key[0][0].c_str()), QStringLiteral("symbol"));
    QCOMPARE(QString::fromUtf8(key[1][0].c_str()), QStringLiteral("ts"));
    // A second source on the same database finds the table and leaves it alone.
    const PostgresDataSource again(dsn, 5);
    QCOMPARE(again.listSymbols(), QStringList{});
  }

  void importedBarsLoadBitForBit() {
    const PostgresDataSource source(dsn_, 5);
    QCOMPARE(source.listSymbols(), (QStringList{"AAPL", "SPX"}));
    for (const char* symbol : {"AAPL", "SPX"}) {
      const Bars expected = bundled(symbol);
      QStringList warnings;
      const Bars loaded = source.loadBars(QString::fromLatin1(symbol), Timeframe::fromSeconds(86400), {}, &warnings);
      QVERIFY2(compareBars(loaded, expected).isEmpty(), qPrintable(compareBars(loaded, expected)));
      QCOMPARE(warnings, QStringList{});
      const auto info = source.symbolInfo(QString::fromLatin1(symbol));
      QVERIFY(info.has_value());
      QCOMPARE(info->barCount, expected.size());
      QCOMPARE(info->first, expected.timestamps.front());
      QCOMPARE(info->last, expected.timestamps.back());
      QVERIFY(info->nativeTimeframe == Timeframe::fromSeconds(86400));
    }
    QVERIFY(!source.symbolInfo(QStringLiteral("MSFT")).has_value());
    QVERIFY_THROWS_EXCEPTION(DataError, source.loadBars(QStringLiteral("MSFT"), Timeframe::fromSeconds(86400), {}));
    try {
      source.loadBars(QStringLiteral("AAPL"), Timeframe::fromSeconds(60), {});
      QFAIL("a finer timeframe than the stored one was accepted");
    } catch (const DataError& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("stored at 1d")), e.what());
    }
  }

  void reimportLosesAndDuplicatesNothing() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_reimport"));
    const PostgresDataSource source(dsn, 5);
    Bars bars = smallBars(50, at("2021-03-01T00:00:00Z"), 60'000'000);
    bars.close[7] = std::numeric_limits<double>::quiet_NaN();  // NaN equals NaN on re-import
    auto first = source.importBars(QStringLiteral("X"), bars);
    QCOMPARE(first.inserted, 50);
    auto second = source.importBars(QStringLiteral("X"), bars);
    QCOMPARE(second.inserted, 0);
    QCOMPARE(second.updated, 0);
    QCOMPARE(second.unchanged, 50);
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 50);
    // A corrected value and ten new bars; a partial file removes nothing.
    Bars more = smallBars(60, at("2021-03-01T00:00:00Z"), 60'000'000);
    more.close[7] = bars.close[7];
    more.high[3] = 99.5;
    auto third = source.importBars(QStringLiteral("X"), more);
    QCOMPARE(third.inserted, 10);
    QCOMPARE(third.updated, 1);
    QCOMPARE(third.unchanged, 49);
    auto partial = source.importBars(QStringLiteral("X"), sliceByTime(more, more.timestamps[5], more.timestamps[9]));
    QCOMPARE(partial.unchanged, 4);
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 60);
    QStringList warnings;
    const Bars loaded = source.loadBars(QStringLiteral("X"), Timeframe::fromSeconds(60), {}, &warnings);
    QVERIFY2(compareBars(loaded, more).isEmpty(), qPrintable(compareBars(loaded, more)));
    QCOMPARE(warnings.size(), 1);  // the NaN close, said
  }

  void loadWithRanges_data() {
    QTest::addColumn<QString>("timeframe");
    QTest::addColumn<QString>("from");  // empty: open
    QTest::addColumn<QString>("to");
    QTest::newRow("stored, both ends") << "1d" << "2015-01-01" << "2016-01-01";
    QTest::newRow("stored, from only") << "1d" << "2018-01-01T12:00:00Z" << "";
    QTest::newRow("stored, to only") << "1d" << "" << "2013-06-01";
    QTest::newRow("stored, empty range") << "1d" << "2016-01-01" << "2016-01-01";
    QTest::newRow("stored, before the data") << "1d" << "2000-01-01" << "2001-01-01";
    QTest::newRow("weeks, unaligned ends") << "1w" << "2015-01-01" << "2016-01-01";  // Thursdays
    QTest::newRow("weeks, aligned ends") << "1w" << "2015-01-05" << "2015-03-02";
    QTest::newRow("weeks, open") << "1w" << "" << "";
    QTest::newRow("4 days, unaligned") << "4d" << "2014-02-03T06:00:00Z" << "2017-07-01";
  }

  void loadWithRanges() {
    QFETCH(QString, timeframe);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const Timeframe tf = *Timeframe::parse(timeframe);
    TimeRange range;
    if (!from.isEmpty()) range.from = parseIsoUtc(from.toStdString());
    if (!to.isEmpty()) range.to = parseIsoUtc(to.toStdString());
    // Expected: the stored rows in the range, then (as the CSV source does) aggregated.
    const Bars rows = sliceByTime(bundled("AAPL"), range.from.value_or(std::numeric_limits<Timestamp>::min()),
                                  range.to.value_or(std::numeric_limits<Timestamp>::max()));
    const Bars expected = tf == Timeframe::fromSeconds(86400) ? rows : resample(rows, tf);
    const PostgresDataSource source(dsn_, 5);
    const Bars loaded = source.loadBars(QStringLiteral("AAPL"), tf, range);
    QVERIFY2(compareBars(loaded, expected).isEmpty(), qPrintable(compareBars(loaded, expected)));
    // The same request to the CSV directory holding the same file: the same bars.
    DataSettings csv;
    csv.csvDir = QStringLiteral(STRATA_RESOURCES_DIR "/data");
    QString error;
    const auto files = makeDataSource(csv, &error);
    QVERIFY2(files, qPrintable(error));
    const Bars fromFiles = files->loadBars(QStringLiteral("AAPL"), tf, range);
    QVERIFY2(compareBars(loaded, fromFiles).isEmpty(), qPrintable(QStringLiteral("PostgreSQL vs CSV: ") + compareBars(loaded, fromFiles)));
  }

  void hostileSymbols_data() {
    QTest::addColumn<QString>("symbol");
    QTest::newRow("quote and statement") << QStringLiteral("O'Reilly; DROP TABLE x");
    QTest::newRow("closing paren injection") << QStringLiteral("A'); DROP TABLE bars; --");
    QTest::newRow("double quotes") << QStringLiteral("\"BRK.B\"");
    QTest::newRow("backslashes") << QStringLiteral("C:\\x\\'y");
    QTest::newRow("unicode") << QStringLiteral("株式会社 ünïcødé €");
    QTest::newRow("placeholder look-alikes") << QStringLiteral("$1 %s ?");
    QTest::newRow("spaces only") << QStringLiteral("   ");
    QTest::newRow("long") << QString(3000, QChar(u'Z'));
  }

  void hostileSymbols() {
    QFETCH(QString, symbol);
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_hostile"));
    const PostgresDataSource source(dsn, 5);
    const Bars bars = smallBars(30, at("2022-01-03T00:00:00Z"), 300'000'000);
    QCOMPARE(source.importBars(symbol, bars).inserted, 30);
    QCOMPARE(source.listSymbols(), QStringList{symbol});
    const Bars loaded = source.loadBars(symbol, Timeframe::fromSeconds(300), {});
    QVERIFY2(compareBars(loaded, bars).isEmpty(), qPrintable(compareBars(loaded, bars)));
    const Bars hourly = source.loadBars(symbol, Timeframe::fromSeconds(3600), {});
    QVERIFY(compareBars(hourly, resample(bars, Timeframe::fromSeconds(3600))).isEmpty());
    QCOMPARE(source.symbolInfo(symbol)->barCount, 30);
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 30);  // the table is still there
  }

  void controlCharactersInSymbolsAreRefused_data() {
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("shown");  // escaped in the message, never printed raw
    QTest::newRow("tab and newline") << QStringLiteral("a\tb\nc") << QStringLiteral("a\\tb\\nc");
    QTest::newRow("carriage return") << QStringLiteral("AAPL\r") << QStringLiteral("AAPL\\r");
    QTest::newRow("escape") << QStringLiteral("\x1b[31mRED") << QStringLiteral("\\u001b[31mRED");
    QTest::newRow("DEL") << QStringLiteral("A\x7f") << QStringLiteral("A\\u007f");
    QTest::newRow("C1 next line") << QStringLiteral("A") + QChar(0x85) << QStringLiteral("A\\u0085");
    QTest::newRow("line separator") << QStringLiteral("A") + QChar(0x2028) + QStringLiteral("B")
                                    << QStringLiteral("A\\u2028B");
  }

  void controlCharactersInSymbolsAreRefused() {
    QFETCH(QString, symbol);
    QFETCH(QString, shown);
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_control"));
    const PostgresDataSource source(dsn, 5);
    source.ensureSchema();
    try {
      source.importBars(symbol, smallBars(3, 0, 60'000'000));
      QFAIL("a symbol with a control character was imported");
    } catch (const DataError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(shown) && message.contains(QStringLiteral("nothing imported")), e.what());
      QVERIFY2(!message.contains(symbol), "the raw symbol is printed");
    }
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 0);
    // strata-cli refuses it as a command-line value, import and generate alike.
    QTemporaryDir dir;
    for (const QString& command : {QStringLiteral("import"), QStringLiteral("generate")}) {
      QProcess cli;
      const QStringList args = command == u"import"
                                   ? QStringList{command, QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), symbol,
                                                 QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv")}
                                   : QStringList{command, QStringLiteral("--symbol"), symbol, QStringLiteral("--out"),
                                                 dir.filePath(QStringLiteral("x.csv"))};
      cli.start(QStringLiteral(STRATA_CLI), args);
      QVERIFY(cli.waitForFinished(60000));
      const QString output = QString::fromUtf8(cli.readAllStandardError());
      QVERIFY2(cli.exitCode() == 2 && output.contains(shown) && output.contains(QStringLiteral("printable")),
               qPrintable(QStringLiteral("%1: exit %2: %3").arg(command).arg(cli.exitCode()).arg(output)));
    }
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 0);
  }

  void emptyAndNulSymbolsAreRefused() {
    const PostgresDataSource source(dsn_, 5);
    for (const QString& symbol : {QString(), QStringLiteral("AA") + QChar(0) + QStringLiteral("PL")}) {
      try {
        source.loadBars(symbol, Timeframe::fromSeconds(86400), {});
        QFAIL("a symbol that cannot be stored was accepted");
      } catch (const DataError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("symbol")), e.what());
      }
      QVERIFY_THROWS_EXCEPTION(DataError, source.importBars(symbol, smallBars(2, 0, 60'000'000)));
    }
  }

  void nanAndNullRowsAreSaid() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_nan"));
    const PostgresDataSource source(dsn, 5);
    const Bars bars = smallBars(120, at("2022-01-03T00:00:00Z"), 60'000'000);
    source.importBars(QStringLiteral("N"), bars);
    execSql(dsn, QStringLiteral("UPDATE bars SET close = 'NaN' WHERE ts = '2022-01-03T00:10:00Z';"
                                "UPDATE bars SET volume = NULL, high = 'NaN' WHERE ts = '2022-01-03T01:05:00Z';"
                                "UPDATE bars SET open = NULL WHERE ts = '2022-01-03T01:00:00Z'"));
    QStringList warnings;
    const Bars loaded = source.loadBars(QStringLiteral("N"), Timeframe::fromSeconds(60), {}, &warnings);
    QCOMPARE(loaded.size(), 120);
    QVERIFY(std::isnan(loaded.close[10]));
    QVERIFY(std::isnan(loaded.volume[65]) && std::isnan(loaded.high[65]));
    QVERIFY(std::isnan(loaded.open[60]));
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings[0].contains(QStringLiteral("3 stored row(s) have NaN or NULL")) &&
                 warnings[0].contains(QStringLiteral("close at 2022-01-03T00:10:00Z")) &&
                 warnings[0].contains(QStringLiteral("'N'")),
             qPrintable(warnings[0]));
    // Aggregated in SQL exactly as the engine resamples the NaN-holding bars, and said too.
    for (qint64 seconds : {300, 900, 3600}) {
      QStringList aggregatedWarnings;
      const Timeframe tf = Timeframe::fromSeconds(seconds);
      const Bars sql = source.loadBars(QStringLiteral("N"), tf, {}, &aggregatedWarnings);
      QVERIFY2(compareBars(sql, resample(loaded, tf)).isEmpty(), qPrintable(compareBars(sql, resample(loaded, tf))));
      QCOMPARE(aggregatedWarnings.size(), 1);
      QVERIFY(aggregatedWarnings[0].contains(QStringLiteral("3 stored row(s)")));
    }
  }

  void concurrentLoadsFromWorkerThreads() {
    const PostgresDataSource source(dsn_, 5);
    const std::vector<std::pair<QString, Timeframe>> jobs = {
        {QStringLiteral("AAPL"), Timeframe::fromSeconds(86400)}, {QStringLiteral("SPX"), Timeframe::fromSeconds(86400)},
        {QStringLiteral("AAPL"), *Timeframe::parse(QStringLiteral("1w"))}, {QStringLiteral("SPX"), *Timeframe::parse(QStringLiteral("2w"))}};
    std::vector<Bars> expected;
    for (const auto& [symbol, tf] : jobs) expected.push_back(source.loadBars(symbol, tf, {}));
    std::vector<std::future<QString>> running;
    for (int round = 0; round < 4; ++round)
      for (std::size_t j = 0; j < jobs.size(); ++j)
        running.push_back(std::async(std::launch::async, [&, j] {
          try {
            return compareBars(source.loadBars(jobs[j].first, jobs[j].second, {}), expected[j]);
          } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
          }
        }));
    for (auto& r : running) {
      const QString problem = r.get();
      QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
  }

  void idleConnectionsClosedByTheServerAreReplaced() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_terminated"));
    const PostgresDataSource source(dsn, 5);
    source.importBars(QStringLiteral("T"), smallBars(10, 0, 60'000'000));
    for (int round = 0; round < 3; ++round) {
      execSql(adminDsn(server_), QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                              "WHERE datname = 'strata_terminated' AND pid <> pg_backend_pid()"));
      QCOMPARE(source.loadBars(QStringLiteral("T"), Timeframe::fromSeconds(60), {}).size(), 10);
    }
  }

  void passwordFromTheEnvironment() {
    const QString dsn = QStringLiteral("host=%1 port=%2 user=%3 dbname=strata_auth")
                            .arg(server_.host, server_.port, server_.passwordUser);
    qunsetenv("PGPASSWORD");
    {
      const PostgresDataSource source(dsn, 5);
      try {
        source.listSymbols();
        QFAIL("connected without a password");
      } catch (const DataError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("password")), e.what());
      }
    }
    qputenv("PGPASSWORD", server_.password.toUtf8());
    const PostgresDataSource source(dsn, 5);
    source.importBars(QStringLiteral("P"), smallBars(3, 0, 86'400'000'000));
    QCOMPARE(source.listSymbols(), QStringList{QStringLiteral("P")});
    qunsetenv("PGPASSWORD");
    // Never a password in the DSN, in either form.
    for (const QString& withPassword : {dsn + QStringLiteral(" password=x"),
                                        QStringLiteral("postgresql://u:secret@127.0.0.1/db")}) {
      try {
        PostgresDataSource refused(withPassword, 5);
        QFAIL("a DSN with a password was accepted");
      } catch (const DataError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("PGPASSWORD")), e.what());
        QVERIFY2(!QString::fromUtf8(e.what()).contains(QStringLiteral("secret")), e.what());
      }
    }
  }

  void uriDsnAndFactory() {
    DataSettings settings;
    settings.source = QStringLiteral("postgres");
    settings.postgresDsn = QStringLiteral("postgresql://%1@%2:%3/strata_shared?application_name=strata-test")
                               .arg(server_.user, server_.host, server_.port);
    QString error;
    const auto source = makeDataSource(settings, &error);
    QVERIFY2(source, qPrintable(error));
    QCOMPARE(source->describe(), QStringLiteral("PostgreSQL strata_shared@%1:%2").arg(server_.host, server_.port));
    QCOMPARE(source->listSymbols(), (QStringList{"AAPL", "SPX"}));
    settings.postgresDsn = QStringLiteral("host=x password=y");
    QVERIFY(!makeDataSource(settings, &error));
    QVERIFY(error.contains(QStringLiteral("password")));
    settings.postgresDsn = QStringLiteral("host='unterminated");
    QVERIFY(!makeDataSource(settings, &error));
    QVERIFY2(error.contains(QStringLiteral("not valid")), qPrintable(error));
    settings.source = QStringLiteral("mongodb");
    QVERIFY(!makeDataSource(settings, &error));
    QVERIFY(error.contains(QStringLiteral("mongodb")));
  }

  void deadServerFailsWithinTheTimeout_data() {
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<int>("timeoutSeconds");
    QTest::addColumn<QString>("named");  // the message names the server
    const QString port = QString::number(unusedPort());
    QTest::newRow("nothing listening") << QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(port) << 5
                                       << QStringLiteral("127.0.0.1:%1").arg(port);
    // No answer at all (as from an unreachable host): only connect_timeout ends the attempt.
    // A loopback listener with a full accept queue drops the SYNs; never a non-loopback address.
    static const UnansweredListener unanswered;
    const QString quiet = QString::number(unanswered.port());
    QTest::newRow("no answer to connect") << QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(quiet) << 2
                                          << QStringLiteral("127.0.0.1:%1").arg(quiet);
    QTest::newRow("no answer to connect, URI") << QStringLiteral("postgresql://127.0.0.1:%1/x").arg(quiet) << 2
                                               << QStringLiteral("127.0.0.1:%1").arg(quiet);
  }

  void deadServerFailsWithinTheTimeout() {
    QFETCH(QString, dsn);
    QFETCH(int, timeoutSeconds);
    QFETCH(QString, named);
    const PostgresDataSource source(dsn, timeoutSeconds);
    QElapsedTimer clock;
    clock.start();
    try {
      source.loadBars(QStringLiteral("AAPL"), Timeframe::fromSeconds(60), {});
      QFAIL("loaded from a dead server");
    } catch (const DataError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains(named) && message.contains(QStringLiteral("cannot connect")), e.what());
    }
    QVERIFY2(clock.elapsed() < timeoutSeconds * 1000 + 1500,
             qPrintable(QStringLiteral("took %1 ms").arg(clock.elapsed())));
    QVERIFY_THROWS_EXCEPTION(DataError, source.listSymbols());
    // Worker threads against the dead server all fail within one timeout, not one after another.
    const qint64 together = concurrentFailureMillis(PostgresDataSource(dsn, timeoutSeconds), 4);
    QVERIFY2(together >= 0 && together < timeoutSeconds * 1000 + 1500,
             qPrintable(QStringLiteral("4 threads: %1 ms (-1: one did not fail)").arg(together)));
  }

  void serverThatNeverAnswers() {
    // The kernel accepts the TCP connection but nothing replies to the startup packet.
    const SilentListener hung;
    const QString dsn = QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(hung.port());
    const PostgresDataSource source(dsn, 2);
    QElapsedTimer clock;
    clock.start();
    QString message;
    try {
      source.listSymbols();
    } catch (const DataError& e) {
      message = QString::fromUtf8(e.what());
    }
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(message.contains(QStringLiteral("timeout")), qPrintable(message));
    QVERIFY2(elapsed >= 1500 && elapsed < 3500, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    // Four worker threads wait out one timeout together, not four in a row.
    const qint64 together = concurrentFailureMillis(PostgresDataSource(dsn, 2), 4);
    QVERIFY2(together >= 0 && together < 3500, qPrintable(QStringLiteral("4 threads: %1 ms (-1: one did not fail)").arg(together)));
  }

  void generateFromPostgresEqualsCsv() {
    // The end-to-end promise: strata-cli generate gives the same numbers from the bundled
    // CSV and from PostgreSQL holding the same bars (per timeframe and aligned).
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_generate"));
    QTemporaryDir dir;
    const auto cli = [&](const QStringList& args, QString* output) {
      QProcess process;
      process.start(QStringLiteral(STRATA_CLI), args);
      process.waitForFinished(240000);
      *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
      return process.exitCode();
    };
    QString output;
    for (const char* symbol : {"AAPL", "SPX"})
      QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"),
                    QString::fromLatin1(symbol), QStringLiteral(STRATA_RESOURCES_DIR "/data/%1.csv").arg(QLatin1String(symbol))},
                   &output), 0);
    const QString settings = dir.filePath(QStringLiteral("postgres.yaml"));
    QFile yaml(settings);
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write(QStringLiteral("data:\n  source: postgres\n  postgres_dsn: \"%1\"\n  connect_timeout_s: 5\n"
                              "cache:\n  enabled: false\n  redis: false\n").arg(dsn).toUtf8());
    yaml.close();
    QCOMPARE(cli({QStringLiteral("symbols"), QStringLiteral("--settings"), settings}, &output), 0);
    QVERIFY2(output.contains(QStringLiteral("AAPL")) && output.contains(QStringLiteral("1260")) &&
                 output.contains(QStringLiteral("SPX")) && output.contains(QStringLiteral("5105")),
             qPrintable(output));
    const QStringList common = {QStringLiteral("generate"), QStringLiteral("--plugin-dir"), QStringLiteral(STRATA_PLUGIN_DIR),
                                QStringLiteral("--symbol"), QStringLiteral("AAPL"), QStringLiteral("--timeframes"),
                                QStringLiteral("1d,1w"), QStringLiteral("--lookback-days"), QStringLiteral("400"),
                                QStringLiteral("--aligned"), QStringLiteral("--no-cache")};
    QCOMPARE(cli(common + QStringList{QStringLiteral("--settings"), settings, QStringLiteral("--out"), dir.filePath(QStringLiteral("pg.csv"))}, &output), 0);
    QCOMPARE(cli(common + QStringList{QStringLiteral("--data-dir"), QStringLiteral(STRATA_RESOURCES_DIR "/data"),
                                      QStringLiteral("--out"), dir.filePath(QStringLiteral("csv.csv"))}, &output), 0);
    for (const char* suffix : {"", "_1d", "_1w"}) {
      QFile fromPostgres(dir.filePath(QStringLiteral("pg%1.csv").arg(QLatin1String(suffix))));
      QFile fromCsv(dir.filePath(QStringLiteral("csv%1.csv").arg(QLatin1String(suffix))));
      QVERIFY2(fromPostgres.open(QIODevice::ReadOnly) && fromCsv.open(QIODevice::ReadOnly), suffix);
      const QByteArray a = fromPostgres.readAll(), b = fromCsv.readAll();
      QVERIFY(a.count('\n') > 50);
      QVERIFY2(a == b, qPrintable(QStringLiteral("pg%1.csv differs from csv%1.csv").arg(QLatin1String(suffix))));
    }
    // And the PostgreSQL run really read PostgreSQL: with the server gone it fails.
    QVERIFY(yaml.open(QIODevice::WriteOnly | QIODevice::Truncate));
    yaml.write(QStringLiteral("data:\n  source: postgres\n  postgres_dsn: \"host=127.0.0.1 port=%1 dbname=x\"\n"
                              "cache:\n  enabled: false\n  redis: false\n").arg(unusedPort()).toUtf8());
    yaml.close();
    QVERIFY(cli(common + QStringList{QStringLiteral("--settings"), settings, QStringLiteral("--out"), dir.filePath(QStringLiteral("dead.csv"))}, &output) != 0);
    QVERIFY2(output.contains(QStringLiteral("cannot connect")), qPrintable(output));
  }

  void cliImport() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_cli"));
    QTemporaryDir dir;
    const auto run = [&](const QStringList& args, QString* output) {
      QProcess cli;
      cli.start(QStringLiteral(STRATA_CLI), QStringList{QStringLiteral("import")} + args);
      cli.waitForFinished(60000);
      *output = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
      return cli.exitCode();
    };
    QString output;
    const QString aapl = QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv");
    const QString symbol = QStringLiteral("O'Reilly; DROP TABLE x");
    QCOMPARE(run({QStringLiteral("--help")}, &output), 0);
    QVERIFY(output.contains(QStringLiteral("ON CONFLICT")));
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, aapl}, &output), 2);  // no --symbol
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), symbol, aapl}, &output), 0);
    QVERIFY2(output.contains(QStringLiteral("1260 inserted, 0 updated, 0 unchanged")), qPrintable(output));
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), symbol, aapl}, &output), 0);
    QVERIFY2(output.contains(QStringLiteral("0 inserted, 0 updated, 1260 unchanged")), qPrintable(output));
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 1260);
    // A file with bad rows: every one named file:line, nothing imported.
    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("timestamp,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1,0.2,0.5,1.5,10\n2020-01-03,1,2,0.5,1.5,10\n");
    file.close();
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), QStringLiteral("B"), bad}, &output), 3);
    QVERIFY2(output.contains(bad + QStringLiteral(":3: high 0.2")) && output.contains(bad + QStringLiteral(":4: duplicate")),
             qPrintable(output));
    // The timeframe must match the file and the stored series.
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), QStringLiteral("C"),
                  QStringLiteral("--timeframe"), QStringLiteral("1h"), aapl}, &output), 3);
    QVERIFY2(output.contains(QStringLiteral("1d apart, not 1h")), qPrintable(output));
    // One series per symbol: minute bars are not mixed into the daily series.
    const QString minutes = dir.filePath(QStringLiteral("minutes.csv"));
    QFile minuteFile(minutes);
    QVERIFY(minuteFile.open(QIODevice::WriteOnly));
    minuteFile.write("timestamp,open,high,low,close,volume\n2020-01-02T10:00:00Z,1,2,0.5,1.5,10\n2020-01-02T10:01:00Z,1,2,0.5,1.5,10\n");
    minuteFile.close();
    QCOMPARE(run({QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"), symbol, minutes}, &output), 3);
    QVERIFY2(output.contains(QStringLiteral("at 1d but")) && output.contains(QStringLiteral("1m bars")), qPrintable(output));
    QCOMPARE(scalar(dsn, "SELECT count(*) FROM bars"), 1260);
    // A dead server: exit 1 with the reason; a password in the DSN: exit 3.
    QCOMPARE(run({QStringLiteral("--dsn"), QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(unusedPort()),
                  QStringLiteral("--symbol"), QStringLiteral("D"), aapl}, &output), 1);
    QVERIFY2(output.contains(QStringLiteral("cannot connect")), qPrintable(output));
    QCOMPARE(run({QStringLiteral("--dsn"), dsn + QStringLiteral(" password=x"), QStringLiteral("--symbol"),
                  QStringLiteral("D"), aapl}, &output), 3);
  }
};

QTEST_GUILESS_MAIN(PostgresTest)
#include "test_postgres.moc"
