// A PostgreSQL server that stops answering, stops a statement or loses the connection under a
// run (issue 20, item 6): every wait on the server is bounded (data.query_timeout_s on the
// client, statement_timeout on the server), Ctrl-C ends one, and a lost connection is said to
// be lost. The faults are real, on loopback and owned by the test: the backend serving the
// statement stopped with SIGSTOP inside it (tests/services/postgres.sh runs the server as this
// user, or as postgres when root), and a relay that stops forwarding or drops the connection
// part-way through a result. Each case bounds its own wait: before these fixes every stopped
// or frozen case hung (docs/reliability.md).
#include "postgres/pg_fault_support.h"
#include "postgres/pg_test_support.h"
#include "strata/cancel_scope.h"
#include "strata/postgres_source.h"
#include "strata/synthetic.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

#include <functional>
#include <future>
#include <memory>

using namespace strata;
using namespace strata::test;

namespace {

constexpr int kHangSeconds = 30;  // a case still waiting this long hangs
// What a bounded wait may take beyond its bound (2 s) and the grace for the cancel request
// (1 s): process start and exit, a loaded or sanitized machine. Far below a hang either way.
constexpr qint64 kSlackMillis = 5000;
const QString kSymbol = QStringLiteral("FAULTS");

/// A finished run of strata-cli, or one that had to be killed (finished false).
struct CliRun {
  bool finished = false;
  int exitCode = -1;
  qint64 millis = 0;
  QString stderrText;
};

/// Waits for `process` up to kHangSeconds; kills it (and runs `unblock`) if it hangs.
CliRun finish(QProcess& process, const QElapsedTimer& clock, const std::function<void()>& unblock) {
  CliRun run;
  run.finished = process.waitForFinished(kHangSeconds * 1000);
  run.millis = clock.elapsed();
  if (!run.finished) {
    process.kill();
    unblock();
    process.waitForFinished(10000);
  }
  run.exitCode = process.exitCode();
  run.stderrText = QString::fromUtf8(process.readAllStandardError());
  return run;
}

QString describeRun(const CliRun& run) {
  if (!run.finished) return QStringLiteral("did not finish within %1 s (a hang)").arg(kHangSeconds);
  return QStringLiteral("exit %1 after %2 ms: %3")
      .arg(run.exitCode)
      .arg(run.millis)
      .arg(run.stderrText);
}

/// Runs `operation` on a thread, bounded: on a hang, `unblock` and "did not finish".
QString withinBound(const std::function<QString()>& operation, const std::function<void()>& unblock,
                    qint64* millis) {
  QElapsedTimer clock;
  clock.start();
  std::future<QString> done = std::async(std::launch::async, operation);
  if (done.wait_for(std::chrono::seconds(kHangSeconds)) != std::future_status::ready) {
    unblock();
    done.wait();
    return QStringLiteral("did not finish within %1 s (a hang)").arg(kHangSeconds);
  }
  *millis = clock.elapsed();
  return done.get();
}

/// The message of the SourceFailure `load` throws; else what went wrong.
QString sourceFailure(const std::function<void()>& load) {
  try {
    load();
    return QStringLiteral("no failure");
  } catch (const SourceFailure& e) {
    return QStringLiteral("SourceFailure: ") + QString::fromUtf8(e.what());
  } catch (const std::exception& e) {
    return QStringLiteral("not a SourceFailure: ") + QString::fromUtf8(e.what());
  }
}

}  // namespace

class PostgresFaultsTest : public QObject {
  Q_OBJECT

  PostgresServer server_;
  QTemporaryDir dir_;

  QString relayDsn(const FaultyRelay& relay, const QString& database) const {
    return QStringLiteral("host=127.0.0.1 port=%1 user=%2 dbname=%3")
        .arg(relay.port())
        .arg(server_.user, database);
  }

  /// A database holding kSymbol: `rows` synthetic 1m bars.
  QString databaseWithBars(const QString& name, Eigen::Index rows) {
    const QString dsn = freshDatabase(server_, name);
    SyntheticSpec spec;
    spec.rows = rows;
    PostgresDataSource(dsn, 5).importBars(kSymbol, synthesizeBars(spec));
    return dsn;
  }

  QString settingsFile(const QString& name, const QString& dsn, const QString& extra) const {
    return writePostgresSettings(dir_.filePath(name), dsn, extra);
  }

  QStringList generateArgs(const QString& settings) const {
    return {QStringLiteral("generate"),
            QStringLiteral("--settings"),
            settings,
            QStringLiteral("--plugin-dir"),
            QStringLiteral(STRATA_PLUGIN_DIR),
            QStringLiteral("--symbol"),
            kSymbol,
            QStringLiteral("--no-cache"),
            QStringLiteral("--out"),
            dir_.filePath(QStringLiteral("never.csv"))};
  }

  /// Starts `client`, which reads bars of `database`, and stops the backend serving it while
  /// inside its statement: the statement waits for a TableLock, the backend is stopped, the lock
  /// released. Null when no backend came to wait.
  std::unique_ptr<StoppedProcess> stopBackendMidStatement(const QString& dsn,
                                                          const QString& database,
                                                          const std::function<void()>& client) {
    TableLock lock(dsn);
    client();
    const std::vector<pid_t> waiting =
        waitForBlockedBackends(adminDsn(server_), database, 1, kHangSeconds);
    if (waiting.empty()) return nullptr;
    auto stopped = std::make_unique<StoppedProcess>(waiting.front());
    lock.release();
    return stopped;
  }

 private slots:
  void initTestCase() {
    server_ = testServer();
    QVERIFY2(server_.error.isEmpty(), qPrintable(server_.error));
    QVERIFY(dir_.isValid());
  }

  void stoppedServerTimesOut() {
    const QString dsn = databaseWithBars(QStringLiteral("strata_fault_stopped"), 2000);
    DataSettings settings;
    settings.postgresDsn = dsn;
    settings.queryTimeoutSeconds = 2;
    const PostgresDataSource source(settings);
    source.ensureSchema();
    std::future<QString> load;
    const auto stopped = stopBackendMidStatement(dsn, QStringLiteral("strata_fault_stopped"), [&] {
      load = std::async(std::launch::async, [&] {
        return sourceFailure([&] { source.loadBars(kSymbol, Timeframe::fromSeconds(60), {}); });
      });
    });
    QVERIFY2(stopped, "no backend came to wait for the lock");
    QElapsedTimer clock;
    clock.start();
    qint64 millis = 0;
    const QString message =
        withinBound([&] { return load.get(); }, [&] { stopped->resume(); }, &millis);
    millis = clock.elapsed();
    for (const QString& said :
         {QStringLiteral("SourceFailure: PostgreSQL strata_fault_stopped@127.0.0.1:%1")
              .arg(server_.port),
          QStringLiteral("loading 'FAULTS' at 1m"), QStringLiteral("within 2 s"),
          QStringLiteral("reading the stored timeframe"), QStringLiteral("query_timeout_s")})
      QVERIFY2(message.contains(said), qPrintable(message));
    // The bound from the stop (up to 2 s) plus the grace for the cancel request (1 s).
    QVERIFY2(millis < 2000 + 1000 + kSlackMillis,
             qPrintable(QStringLiteral("took %1 ms").arg(millis)));
    // Once the server answers again, the source serves the next call on a new connection.
    stopped->resume();
    QCOMPARE(source.loadBars(kSymbol, Timeframe::fromSeconds(60), {}).size(), 2000);
  }

  void stoppedServerTimesOutInEveryCommand_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("purpose");
    QTest::newRow("generate") << QStringLiteral("generate") << QStringLiteral("symbol 'FAULTS'");
    QTest::newRow("import") << QStringLiteral("import") << QStringLiteral("importing 'FAULTS'");
    QTest::newRow("symbols") << QStringLiteral("symbols") << QStringLiteral("listing symbols");
  }

  void stoppedServerTimesOutInEveryCommand() {
    QFETCH(QString, command);
    QFETCH(QString, purpose);
    const QString database = QStringLiteral("strata_fault_cli_") + command;
    const QString dsn = databaseWithBars(database, 500);
    const QString settings = settingsFile(command + QStringLiteral(".yaml"), dsn,
                                          QStringLiteral("  query_timeout_s: 2\n"));
    QStringList args = command == u"generate"
                           ? generateArgs(settings)
                           : QStringList{command, QStringLiteral("--settings"), settings};
    if (command == u"import")
      args << QStringLiteral("--symbol") << kSymbol
           << QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv");
    QProcess cli;
    QElapsedTimer clock;
    const auto stopped = stopBackendMidStatement(dsn, database, [&] {
      clock.start();
      cli.start(QStringLiteral(STRATA_CLI), args);
    });
    QVERIFY2(stopped, "no backend came to wait for the lock");
    const qint64 stoppedAt = clock.elapsed();
    const CliRun run = finish(cli, clock, [&] { stopped->resume(); });
    QVERIFY2(run.finished && run.exitCode == 1, qPrintable(describeRun(run)));
    for (const QString& said : {QStringLiteral("127.0.0.1:%1").arg(server_.port), purpose,
                                QStringLiteral("within 2 s"), QStringLiteral("query_timeout_s")})
      QVERIFY2(run.stderrText.contains(said), qPrintable(describeRun(run)));
    QVERIFY2(run.millis - stoppedAt < 2000 + 1000 + kSlackMillis, qPrintable(describeRun(run)));
  }

  void ctrlCEndsAWaitOnAStoppedServer() {
    // Default timeouts (330 s): only the cancel can end this wait soon.
    const QString database = QStringLiteral("strata_fault_sigint");
    const QString dsn = databaseWithBars(database, 500);
    QProcess cli;
    QElapsedTimer clock;
    const auto stopped = stopBackendMidStatement(dsn, database, [&] {
      cli.start(QStringLiteral(STRATA_CLI),
                generateArgs(settingsFile(QStringLiteral("sigint.yaml"), dsn, {})));
    });
    QVERIFY2(stopped, "no backend came to wait for the lock");
    QTest::qWait(300);  // well inside the wait
    clock.start();
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    const CliRun run = finish(cli, clock, [&] { stopped->resume(); });
    QVERIFY2(
        run.finished && run.exitCode == 130 && run.stderrText.contains(QStringLiteral("cancelled")),
        qPrintable(describeRun(run)));
    QVERIFY2(run.millis < 1000 + kSlackMillis,
             qPrintable(describeRun(run)));  // the grace, then the socket
  }

  void ctrlCEndsALoadFromAFrozenNetwork() {
    // Frozen part-way through the rows the engine's loader fetches (not the first query): the
    // relay forwards 1 MB, about a third of the first FETCH, then nothing, and it accepts the
    // cancel request's connection without ever answering it.
    const QString database = QStringLiteral("strata_fault_frozen_sigint");
    databaseWithBars(database, 100'000);
    FaultyRelay relay(server_.port.toInt(), FaultyRelay::Fault::Freeze, 1 << 20);
    QProcess cli;
    cli.start(QStringLiteral(STRATA_CLI),
              generateArgs(settingsFile(QStringLiteral("frozen-sigint.yaml"),
                                        relayDsn(relay, database), {})));
    for (int i = 0; i < kHangSeconds * 50 && !relay.faulted(); ++i) QTest::qWait(20);
    QVERIFY2(relay.faulted(), "the load never reached the relay's fault");
    QTest::qWait(300);
    QElapsedTimer clock;
    clock.start();
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT);
    const CliRun run = finish(cli, clock, [] {});
    QVERIFY2(
        run.finished && run.exitCode == 130 && run.stderrText.contains(QStringLiteral("cancelled")),
        qPrintable(describeRun(run)));
    QVERIFY2(run.millis < 1000 + kSlackMillis, qPrintable(describeRun(run)));
  }

  void frozenNetworkTimesOut() {
    const QString database = QStringLiteral("strata_fault_frozen");
    databaseWithBars(database, 100'000);
    // In process: the relay freezes inside the first FETCH.
    {
      FaultyRelay relay(server_.port.toInt(), FaultyRelay::Fault::Freeze, 1 << 20);
      DataSettings settings;
      settings.postgresDsn = relayDsn(relay, database);
      settings.queryTimeoutSeconds = 2;
      const PostgresDataSource source(settings);
      qint64 millis = 0;
      const QString message = withinBound(
          [&] {
            return sourceFailure([&] { source.loadBars(kSymbol, Timeframe::fromSeconds(60), {}); });
          },
          [&] { relay.close(); }, &millis);
      QVERIFY2(message.contains(QStringLiteral("SourceFailure")) &&
                   message.contains(QStringLiteral("fetching rows")) &&
                   message.contains(QStringLiteral("within 2 s")),
               qPrintable(message));
      QVERIFY2(relay.faulted() && millis < 2000 + 1000 + kSlackMillis,
               qPrintable(QStringLiteral("took %1 ms").arg(millis)));
    }
    // strata-cli generate: the engine's load fails on the server, so exit 1 (not 3, bad data).
    FaultyRelay relay(server_.port.toInt(), FaultyRelay::Fault::Freeze, 1 << 20);
    QProcess cli;
    QElapsedTimer clock;
    clock.start();
    cli.start(QStringLiteral(STRATA_CLI),
              generateArgs(settingsFile(QStringLiteral("frozen.yaml"), relayDsn(relay, database),
                                        QStringLiteral("  query_timeout_s: 2\n"))));
    const CliRun run = finish(cli, clock, [] {});
    QVERIFY2(run.finished && run.exitCode == 1 &&
                 run.stderrText.contains(QStringLiteral("loading 'FAULTS' at 1m")) &&
                 run.stderrText.contains(QStringLiteral("fetching rows")) && relay.faulted(),
             qPrintable(describeRun(run)));
  }

  void serverStatementTimeout() {
    // The server itself stops a statement past data.statement_timeout_s (here: one waiting for
    // a lock), long before the client's own bound.
    const QString database = QStringLiteral("strata_fault_statement");
    const QString dsn = databaseWithBars(database, 500);
    TableLock lock(dsn);
    QProcess cli;
    QElapsedTimer clock;
    clock.start();
    cli.start(QStringLiteral(STRATA_CLI),
              generateArgs(settingsFile(
                  QStringLiteral("statement.yaml"), dsn,
                  QStringLiteral("  statement_timeout_s: 1\n  query_timeout_s: 60\n"))));
    const CliRun run = finish(cli, clock, [&] { lock.release(); });
    QVERIFY2(
        run.finished && run.exitCode == 1 &&
            run.stderrText.contains(QStringLiteral("the server stopped the statement after 1 s")) &&
            run.stderrText.contains(QStringLiteral("statement_timeout_s")),
        qPrintable(describeRun(run)));
    QVERIFY2(run.millis < 1000 + kSlackMillis, qPrintable(describeRun(run)));
  }

  void lostConnectionIsSaidToBeLost() {
    const QString database = QStringLiteral("strata_fault_lost");
    databaseWithBars(database, 100'000);
    {
      // Dropped once the session is up, inside the first operation on the new connection
      // (the startup exchange is about 450 bytes).
      FaultyRelay relay(server_.port.toInt(), FaultyRelay::Fault::Drop, 600);
      DataSettings settings;
      settings.postgresDsn = relayDsn(relay, database);
      const PostgresDataSource source(settings);
      const QString message =
          sourceFailure([&] { source.loadBars(kSymbol, Timeframe::fromSeconds(60), {}); });
      QVERIFY2(message.contains(QStringLiteral("SourceFailure")) &&
                   message.contains(QStringLiteral("the connection was lost while")) &&
                   message.contains(QStringLiteral("server closed the connection unexpectedly")) &&
                   !message.contains(QStringLiteral("cannot connect")),
               qPrintable(message));
    }
    // strata-cli generate: its load reuses the connection that read the symbol, finds it lost,
    // and the server is gone for good: said as lost, exit 1.
    FaultyRelay relay(server_.port.toInt(), FaultyRelay::Fault::Drop, 1 << 20);
    QProcess cli;
    QElapsedTimer clock;
    clock.start();
    cli.start(
        QStringLiteral(STRATA_CLI),
        generateArgs(settingsFile(QStringLiteral("lost.yaml"), relayDsn(relay, database), {})));
    const CliRun run = finish(cli, clock, [] {});
    QVERIFY2(run.finished && run.exitCode == 1 &&
                 run.stderrText.contains(
                     QStringLiteral("the connection was lost (server closed the connection")) &&
                 run.stderrText.contains(QStringLiteral("a new one cannot be made")) &&
                 !run.stderrText.contains(QStringLiteral("cannot connect")),
             qPrintable(describeRun(run)));
  }

  void cancelScopeStopsAWait() {
    // The engine's own callers: a CancelScope around a call ends its wait on a stopped server.
    const QString database = QStringLiteral("strata_fault_scope");
    const QString dsn = databaseWithBars(database, 500);
    const PostgresDataSource source(dsn, 5);
    source.ensureSchema();
    std::atomic_bool cancel{false};
    std::future<QString> load;
    const auto stopped = stopBackendMidStatement(dsn, database, [&] {
      load = std::async(std::launch::async, [&] {
        const CancelScope scope(&cancel);
        return sourceFailure([&] { source.symbolInfo(kSymbol); });
      });
    });
    QVERIFY2(stopped, "no backend came to wait for the lock");
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    cancel = true;
    qint64 millis = 0;
    const QString message =
        withinBound([&] { return load.get(); }, [&] { stopped->resume(); }, &millis);
    millis = clock.elapsed();
    QVERIFY2(message.contains(QStringLiteral("SourceFailure")) &&
                 message.contains(QStringLiteral("cancelled while")),
             qPrintable(message));
    QVERIFY2(millis < 1000 + kSlackMillis, qPrintable(QStringLiteral("took %1 ms").arg(millis)));
  }
};

QTEST_GUILESS_MAIN(PostgresFaultsTest)
#include "test_postgres_faults.moc"
