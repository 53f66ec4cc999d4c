// Imports that would corrupt a PostgreSQL series are refused (issue 20, items 9 and 10 and the
// exit codes of bad data), against the real server of the postgres fixture: two concurrent
// strata-cli imports of one symbol at different bar sizes (one wins, the other is refused and
// the series is the winner's alone), a bar off the stored grid (one 11:26 bar had made a daily
// series "686m" that nothing could be made from or imported into), values the server refuses.
#include "postgres/pg_fault_support.h"
#include "postgres/pg_test_support.h"
#include "strata/csv_bars.h"
#include "strata/postgres_source.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <memory>

using namespace strata;
using namespace strata::test;

namespace {

constexpr int kDay = 86'400;

Timestamp at(const char* iso) {
  return *parseIsoUtc(iso);
}

Bars synthetic(Eigen::Index rows, Timestamp start, int stepSeconds, std::uint64_t seed) {
  SyntheticSpec spec;
  spec.rows = rows;
  spec.start = start;
  spec.timeframe = Timeframe::fromSeconds(stepSeconds);
  spec.seed = seed;
  return synthesizeBars(spec);
}

/// One bar that passes every CSV check.
Bars oneBar(Timestamp t) {
  Bars bars;
  bars.resize(1);
  bars.timestamps[0] = t;
  bars.open[0] = 10;
  bars.high[0] = 12;
  bars.low[0] = 9;
  bars.close[0] = 11;
  bars.volume[0] = 100;
  return bars;
}

Bars concatenated(const Bars& a, const Bars& b) {
  Bars out;
  out.resize(a.size() + b.size());
  std::copy(a.timestamps.begin(), a.timestamps.end(), out.timestamps.begin());
  std::copy(b.timestamps.begin(), b.timestamps.end(), out.timestamps.begin() + a.size());
  out.open << a.open, b.open;
  out.high << a.high, b.high;
  out.low << a.low, b.low;
  out.close << a.close, b.close;
  out.volume << a.volume, b.volume;
  return out;
}

qint64 count(const QString& dsn, const QString& symbol) {
  pqxx::connection connection(dsn.toStdString());
  pqxx::nontransaction tx(connection);
  return tx.exec_params("SELECT count(*) FROM bars WHERE symbol = $1", symbol.toStdString())[0][0]
      .as<qint64>();
}

struct CliRun {
  int exitCode = -1;
  QString output;
};

/// The DataError importBars throws (its message), "" when it imported.
QString refusal(const PostgresDataSource& source, const QString& symbol, const Bars& bars,
                std::optional<Timeframe> size = std::nullopt) {
  try {
    source.importBars(symbol, bars, size);
    return {};
  } catch (const SourceFailure& e) {
    return QStringLiteral("SourceFailure, not the data's fault: ") + QString::fromUtf8(e.what());
  } catch (const DataError& e) {
    return QString::fromUtf8(e.what());
  }
}

}  // namespace

class PostgresImportTest : public QObject {
  Q_OBJECT

  PostgresServer server_;
  QTemporaryDir dir_;


  QString csv(const QString& name, const Bars& bars) const {
    const QString path = dir_.filePath(name);
    const QString problem = writeBarsCsv(bars, path);
    return problem.isEmpty() ? path : QString();
  }

  std::unique_ptr<QProcess> startImport(const QString& dsn, const QString& symbol,
                                        const QString& file) const {
    auto cli = std::make_unique<QProcess>();
    cli->start(QStringLiteral(STRATA_CLI), {QStringLiteral("import"), QStringLiteral("--dsn"), dsn,
                                            QStringLiteral("--symbol"), symbol, file});
    return cli;
  }

  static CliRun finished(QProcess& cli) {
    CliRun run;
    if (!cli.waitForFinished(120000)) {
      cli.kill();
      cli.waitForFinished(10000);
      run.output = QStringLiteral("did not finish within 120 s (a hang)");
      return run;
    }
    run.exitCode = cli.exitCode();
    run.output = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    return run;
  }

  CliRun cli(const QStringList& args) const {
    QProcess process;
    process.start(QStringLiteral(STRATA_CLI), args);
    return finished(process);
  }

 private slots:
  void initTestCase() {
    server_ = testServer();
    QVERIFY2(server_.error.isEmpty(), qPrintable(server_.error));
    QVERIFY(dir_.isValid());
  }

  void concurrentImportsAtTwoBarSizes() {
    // Both imports are held at the same point until both have checked the stored series, as
    // in a real race: a SHARE lock on bars lets every read through and holds every write. The
    // old check (a transaction of its own, before the import's) let both through, 3 tries of 3.
    const QString database = QStringLiteral("strata_import_race");
    const QString dsn = freshDatabase(server_, database);
    PostgresDataSource(dsn, 5).ensureSchema();
    const Bars minutes = synthetic(600, at("2024-01-02T00:00:00Z"), 60, 1);
    const Bars days = synthetic(300, at("2023-03-01T00:00:00Z"), kDay, 2);
    const QString minuteFile = csv(QStringLiteral("race-1m.csv"), minutes);
    const QString dayFile = csv(QStringLiteral("race-1d.csv"), days);
    QVERIFY(!minuteFile.isEmpty() && !dayFile.isEmpty());
    for (int round = 0; round < 3; ++round) {
      const QString symbol = QStringLiteral("RACE%1").arg(round);
      std::unique_ptr<QProcess> a, b;
      {
        TableLock writesHeld(dsn, "SHARE");
        a = startImport(dsn, symbol, minuteFile);
        b = startImport(dsn, symbol, dayFile);
        QVERIFY2(waitForBlockedBackends(adminDsn(server_), database, 2, 60).size() == 2,
                 "both imports did not come to wait");
      }
      const CliRun first = finished(*a), second = finished(*b);
      const QString both = QStringLiteral("1m import: exit %1: %2\n1d import: exit %3: %4")
                               .arg(first.exitCode)
                               .arg(first.output)
                               .arg(second.exitCode)
                               .arg(second.output);
      QVERIFY2((first.exitCode == 0) != (second.exitCode == 0), qPrintable(both));
      const bool minutesWon = first.exitCode == 0;
      const CliRun& loser = minutesWon ? second : first;
      QVERIFY2(
          loser.exitCode == 3 &&
              loser.output.contains(
                  minutesWon ? QStringLiteral("stored at 1m but the bars to import are 1d bars")
                             : QStringLiteral("stored at 1d but the bars to import are 1m bars")) &&
              loser.output.contains(QStringLiteral("nothing imported")),
          qPrintable(both));
      // The stored series is exactly the winner's.
      const Bars& winner = minutesWon ? minutes : days;
      QCOMPARE(count(dsn, symbol), winner.size());
      const Bars stored = PostgresDataSource(dsn, 5).loadBars(
          symbol, Timeframe::fromSeconds(minutesWon ? 60 : kDay), {});
      QVERIFY2(compareBars(stored, winner).isEmpty(), qPrintable(compareBars(stored, winner)));
    }
  }

  void importsAtOneBarSizeTakeTurns() {
    // The lock only orders imports: two of the same bars at the same size both succeed.
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_import_turns"));
    const QString file =
        csv(QStringLiteral("turns.csv"), synthetic(2000, at("2024-01-02T00:00:00Z"), 60, 3));
    auto a = startImport(dsn, QStringLiteral("T"), file);
    auto b = startImport(dsn, QStringLiteral("T"), file);
    const CliRun first = finished(*a), second = finished(*b);
    QVERIFY2(first.exitCode == 0 && second.exitCode == 0, qPrintable(first.output + second.output));
    QCOMPARE(count(dsn, QStringLiteral("T")), 2000);
  }

  void importsIntoANewDatabaseCreateTheTableInTurn() {
    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent creator: two imports into a
    // new database once failed on "duplicate key ... pg_type_typname_nsp_index" (CI). Each
    // process that finds no table now takes Strata's schema lock ('STRS') first; held here, it
    // stops all three at that point, so released they all create-or-find the table at once.
    const QString database = QStringLiteral("strata_import_new_database");
    const QString dsn = freshDatabase(server_, database);
    const QString file =
        csv(QStringLiteral("new-database.csv"), synthetic(500, at("2024-01-02T00:00:00Z"), 60, 4));
    std::vector<std::unique_ptr<QProcess>> imports;
    {
      pqxx::connection holder(dsn.toStdString());
      pqxx::work tx(holder);
      tx.exec("SELECT pg_advisory_xact_lock(1398035027, 0)");
      for (int i = 0; i < 3; ++i) imports.push_back(startImport(dsn, QStringLiteral("NEW%1").arg(i), file));
      QVERIFY2(waitForBlockedBackends(adminDsn(server_), database, 3, 60).size() == 3,
               "the imports did not wait for the schema lock");
      tx.commit();
    }
    for (int i = 0; i < 3; ++i) {
      const CliRun run = finished(*imports[static_cast<std::size_t>(i)]);
      QVERIFY2(run.exitCode == 0, qPrintable(run.output));
      QCOMPARE(count(dsn, QStringLiteral("NEW%1").arg(i)), 500);
    }
  }

  void oneBarOffTheDailyGridIsRefused() {
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_import_one_bar"));
    const QString aapl = QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv");
    CliRun run = cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn,
                      QStringLiteral("--symbol"), QStringLiteral("AAPL"), aapl});
    QCOMPARE(run.exitCode, 0);
    const qint64 stored = count(dsn, QStringLiteral("AAPL"));
    const QString offGrid = csv(QStringLiteral("one-bar.csv"), oneBar(at("2021-06-01T11:26:00Z")));
    run = cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"),
               QStringLiteral("AAPL"), offGrid});
    QVERIFY2(run.exitCode == 3 && run.output.contains(QStringLiteral("2021-06-01T11:26:00Z")) &&
                 run.output.contains(QStringLiteral("not on the 1d grid of the stored bars")) &&
                 run.output.contains(QStringLiteral("nothing imported")) &&
                 run.output.contains(offGrid),
             qPrintable(run.output));
    QCOMPARE(count(dsn, QStringLiteral("AAPL")), stored);
    // The series is as it was: it still generates and takes its own file again.
    const QStringList generate = {QStringLiteral("generate"),
                                  QStringLiteral("--settings"),
                                  writePostgresSettings(dir_.filePath(QStringLiteral("pg.yaml")), dsn),
                                  QStringLiteral("--plugin-dir"),
                                  QStringLiteral(STRATA_PLUGIN_DIR),
                                  QStringLiteral("--symbol"),
                                  QStringLiteral("AAPL"),
                                  QStringLiteral("--no-cache"),
                                  QStringLiteral("--out"),
                                  dir_.filePath(QStringLiteral("aapl.csv"))};
    run = cli(generate);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    run = cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"),
               QStringLiteral("AAPL"), aapl});
    QVERIFY2(run.exitCode == 0 && run.output.contains(QStringLiteral("0 inserted, 0 updated")),
             qPrintable(run.output));
    // One bar on the grid is a day added.
    const QString nextDay = csv(QStringLiteral("next-day.csv"), oneBar(at("2030-01-02T00:00:00Z")));
    run = cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn, QStringLiteral("--symbol"),
               QStringLiteral("AAPL"), nextDay});
    QVERIFY2(run.exitCode == 0 && run.output.contains(QStringLiteral("1 inserted")),
             qPrintable(run.output));
    run = cli(generate);
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
  }

  void mergedSeriesIsChecked_data() {
    QTest::addColumn<Bars>("stored");
    QTest::addColumn<Bars>("incoming");
    QTest::addColumn<int>("statedSeconds");  // 0: none stated
    QTest::addColumn<QString>("refused");    // "" when imported
    const Timestamp day = at("2022-03-01T00:00:00Z");
    const Bars daily = synthetic(40, day, kDay, 4);
    const Bars minutes = synthetic(40, at("2022-03-01T10:00:00Z"), 60, 5);
    QTest::newRow("a new symbol") << Bars() << daily << 0 << QString();
    QTest::newRow("more days on the grid")
        << daily << synthetic(5, day + 50LL * kDay * 1'000'000, kDay, 6) << 0 << QString();
    QTest::newRow("one bar on the grid")
        << daily << oneBar(day + 45LL * kDay * 1'000'000) << 0 << QString();
    QTest::newRow("one bar off the grid") << daily << oneBar(at("2022-03-05T11:26:00Z")) << 0
                                          << QStringLiteral(
                                                 "the bar at 2022-03-05T11:26:00Z is not on the 1d "
                                                 "grid of the stored bars (2022-03-01T00:00:00Z");
    QTest::newRow("days at another hour")
        << daily << synthetic(5, at("2022-05-01T05:00:00Z"), kDay, 7) << 0
        << QStringLiteral("the bar at 2022-05-01T05:00:00Z is not on the 1d grid");
    QTest::newRow("minutes into days")
        << daily << minutes << 0
        << QStringLiteral("stored at 1d but the bars to import are 1m bars");
    QTest::newRow("one bar stated as 1m into days")
        << daily << oneBar(day) << 60
        << QStringLiteral("stored at 1d but the bars to import are 1m bars");
    const Timestamp halfMinuteOff = minutes.timestamps.back() + 90'000'000;
    QTest::newRow("off its own grid")
        << Bars() << concatenated(minutes, oneBar(halfMinuteOff)) << 0
        << QStringLiteral("the bar at %1 is not on the 1m grid of the bars to import")
               .arg(isoUtc(halfMinuteOff));
    QTest::newRow("one stored bar off the new grid")
        << oneBar(at("2022-03-01T09:59:30Z")) << minutes << 0
        << QStringLiteral("the stored bar at 2022-03-01T09:59:30Z is not on the 1m grid");
    QTest::newRow("one stored bar on the new grid")
        << oneBar(at("2022-03-01T09:00:00Z")) << minutes << 0 << QString();
    QTest::newRow("one bar next to one bar")
        << oneBar(day) << oneBar(at("2022-03-01T11:26:00Z")) << 0 << QString();
  }

  void mergedSeriesIsChecked() {
    QFETCH(Bars, stored);
    QFETCH(Bars, incoming);
    QFETCH(int, statedSeconds);
    QFETCH(QString, refused);
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_import_grid"));
    const PostgresDataSource source(dsn, 5);
    source.ensureSchema();
    if (stored.size() > 0) QCOMPARE(refusal(source, QStringLiteral("G"), stored), QString());
    const std::optional<Timeframe> stated =
        statedSeconds ? std::optional(Timeframe::fromSeconds(statedSeconds)) : std::nullopt;
    const QString message = refusal(source, QStringLiteral("G"), incoming, stated);
    if (refused.isEmpty()) {
      QCOMPARE(message, QString());
      return;
    }
    QVERIFY2(message.contains(refused) && message.contains(QStringLiteral("nothing imported")),
             qPrintable(message));
    QCOMPARE(count(dsn, QStringLiteral("G")), stored.size());
  }

  void valuesTheServerRefusesAreBadData() {
    // Year 0 does not exist in PostgreSQL: the server refuses the value, which is the data's
    // fault (exit 3), not the server failing the work (exit 1).
    const QString dsn = freshDatabase(server_, QStringLiteral("strata_import_refused"));
    const PostgresDataSource source(dsn, 5);
    const Timestamp yearZero = at("0001-01-01T00:00:00Z") - 366LL * kDay * 1'000'000;
    const QString message = refusal(source, QStringLiteral("Z"), oneBar(yearZero));
    QVERIFY2(message.contains(QStringLiteral("the server refused a value")) &&
                 message.contains(QStringLiteral("0000-01-01")),
             qPrintable(message));
    QCOMPARE(count(dsn, QStringLiteral("Z")), 0);
    const QString file = dir_.filePath(QStringLiteral("year-zero.csv"));
    QFile csvFile(file);
    QVERIFY(csvFile.open(QIODevice::WriteOnly));
    csvFile.write("timestamp,open,high,low,close,volume\n0000-01-03,1,2,0.5,1.5,10\n");
    csvFile.close();
    const CliRun run = cli({QStringLiteral("import"), QStringLiteral("--dsn"), dsn,
                            QStringLiteral("--symbol"), QStringLiteral("Z"), file});
    QVERIFY2(run.exitCode == 3 && run.output.contains(QStringLiteral("0000-01-03")),
             qPrintable(run.output));
    QCOMPARE(count(dsn, QStringLiteral("Z")), 0);
  }
};

QTEST_GUILESS_MAIN(PostgresImportTest)
#include "test_postgres_import.moc"
