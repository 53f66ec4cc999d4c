// Loading 525,600 1m bars (a year) from PostgreSQL: PostgresDataSource::loadBars into columnar
// Bars, side by side with `psql -c "\copy (select ...) to /dev/null"` of the same rows (psql
// only reads and throws away; we parse into columns). Both include connecting, as a user pays
// it per call. Also the SQL-aggregated loads (5m, 1h, 1d) beside the engine's resample.
//
//   bench_postgres [--dsn DSN] [--repeat N]
// Without --dsn a private cluster is started with tests/services/postgres.sh and removed after.
#include "bench_support.h"
#include "strata/postgres_source.h"
#include "strata/resampler.h"
#include "strata/synthetic.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace strata;

namespace {

/// Seconds per run of `work`, `repeat` times after one warm-up run.
std::vector<double> timeRuns(int repeat, const std::function<void()>& work) {
  work();
  std::vector<double> seconds;
  for (int r = 0; r < repeat; ++r) {
    QElapsedTimer clock;
    clock.start();
    work();
    seconds.push_back(static_cast<double>(clock.nsecsElapsed()) * 1e-9);
  }
  return seconds;
}

bool runScript(const QStringList& args) {
  QProcess script;
  script.setProcessChannelMode(QProcess::ForwardedChannels);
  script.start(QStringLiteral("bash"), QStringList{QStringLiteral(STRATA_POSTGRES_SCRIPT)} + args);
  return script.waitForFinished(120000) && script.exitCode() == 0;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  QString dsn = option(QStringLiteral("--dsn"), {});
  const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("7")).toInt();
  const QString stateDir = QStringLiteral(STRATA_BENCH_STATE_DIR);
  const bool ownServer = dsn.isEmpty();
  QString psqlTarget;  // psql's connection: the same DSN, as its dbname argument
  if (ownServer) {
    if (!runScript({QStringLiteral("start"), stateDir})) return 1;
    QFile env(stateDir + QStringLiteral("/postgres.env"));
    env.open(QIODevice::ReadOnly);
    QString port;
    for (const QByteArray& line : env.readAll().split('\n'))
      if (line.startsWith("STRATA_TEST_PG_PORT=")) port = QString::fromUtf8(line.mid(20));
    dsn = QStringLiteral("host=127.0.0.1 port=%1 user=strata dbname=postgres").arg(port);
  }
  int status = 0;
  try {
    const Bars year = synthesizeBars(SyntheticSpec{});
    const QString symbol = QStringLiteral("BENCH_1M");
    {
      const PostgresDataSource source(dsn, 5);
      const auto info = source.symbolInfo(symbol);
      if (!info || info->barCount != year.size()) {
        QElapsedTimer clock;
        clock.start();
        const auto imported = source.importBars(symbol, year);
        std::printf("imported %lld bars in %.2f s\n", imported.inserted + imported.updated + imported.unchanged,
                    static_cast<double>(clock.elapsed()) / 1000.0);
      }
    }
    const Timeframe minute = Timeframe::fromSeconds(60);
    Eigen::Index loadedRows = 0;
    const auto strata = timeRuns(repeat, [&] {
      const PostgresDataSource source(dsn, 5);
      loadedRows = source.loadBars(symbol, minute, {}).size();
    });
    const QString copy = QStringLiteral(
        "\\copy (SELECT ts, open, high, low, close, volume FROM bars WHERE symbol = 'BENCH_1M' "
        "ORDER BY ts) to /dev/null");
    const QString psql = QStringLiteral(STRATA_PG_BIN_GLOB);
    const auto psqlRuns = timeRuns(repeat, [&] {
      QProcess p;
      p.start(psql, {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), dsn, QStringLiteral("-c"), copy});
      if (!p.waitForFinished(120000) || p.exitCode() != 0)
        throw DataError("psql failed: " + p.readAllStandardError().toStdString());
    });
    std::printf("\n| what (%lld rows, median of %d) | seconds | ratio to psql \\copy |\n| --- | --- | --- |\n",
                static_cast<long long>(loadedRows), repeat);
    const double psqlMedian = strata::bench::median(psqlRuns);
    std::printf("| `psql \\copy (select ...) to /dev/null` | %.3f | 1.00 |\n", psqlMedian);
    std::printf("| `PostgresDataSource::loadBars(1m)` into Bars | %.3f | %.2f |\n", strata::bench::median(strata), strata::bench::median(strata) / psqlMedian);
    for (const char* name : {"5m", "1h", "1d"}) {
      const Timeframe tf = *Timeframe::parse(QString::fromLatin1(name));
      const auto sql = timeRuns(repeat, [&] { PostgresDataSource(dsn, 5).loadBars(symbol, tf, {}); });
      std::printf("| `loadBars(%s)`, date_bin in SQL | %.3f | %.2f |\n", name, strata::bench::median(sql), strata::bench::median(sql) / psqlMedian);
    }
    const auto engine = timeRuns(repeat, [&] {
      const Bars minuteBars = PostgresDataSource(dsn, 5).loadBars(symbol, minute, {});
      for (const char* name : {"5m", "1h", "1d"}) resample(minuteBars, *Timeframe::parse(QString::fromLatin1(name)));
    });
    std::printf("| `loadBars(1m)` + engine resample to 5m, 1h, 1d | %.3f | %.2f |\n", strata::bench::median(engine), strata::bench::median(engine) / psqlMedian);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_postgres: %s\n", e.what());
    status = 1;
  }
  if (ownServer) runScript({QStringLiteral("stop"), stateDir});
  return status;
}
