#include "pg_test_support.h"

#include "strata/time_format.h"

#include <QFile>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace strata::test {

PostgresServer testServer() {
  PostgresServer server;
  QFile file(QStringLiteral(STRATA_PG_STATE_DIR "/postgres.env"));
  if (!file.open(QIODevice::ReadOnly)) {
    server.error = file.fileName() + QStringLiteral(": ") + file.errorString() +
                   QStringLiteral(" (the postgres_start fixture did not run: use ctest)");
    return server;
  }
  for (const QByteArray& line : file.readAll().split('\n')) {
    const qsizetype eq = line.indexOf('=');
    if (eq < 0) continue;
    const QByteArray key = line.left(eq);
    const QString value = QString::fromUtf8(line.mid(eq + 1));
    if (key == "STRATA_TEST_PG_HOST") server.host = value;
    else if (key == "STRATA_TEST_PG_PORT") server.port = value;
    else if (key == "STRATA_TEST_PG_USER") server.user = value;
    else if (key == "STRATA_TEST_PG_PASSWORD_USER") server.passwordUser = value;
    else if (key == "STRATA_TEST_PG_PASSWORD") server.password = value;
    else if (key == "STRATA_TEST_PG_BIN") server.binDir = value;
  }
  if (server.port.isEmpty()) server.error = file.fileName() + QStringLiteral(": no port");
  return server;
}

QString adminDsn(const PostgresServer& server) {
  return QStringLiteral("host=%1 port=%2 user=%3 dbname=postgres").arg(server.host, server.port, server.user);
}

QString freshDatabase(const PostgresServer& server, const QString& name) {
  pqxx::connection connection(adminDsn(server).toStdString());
  pqxx::nontransaction tx(connection);
  const std::string quoted = connection.quote_name(name.toStdString());
  tx.exec("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
  tx.exec("CREATE DATABASE " + quoted);
  return QStringLiteral("host=%1 port=%2 user=%3 dbname=%4").arg(server.host, server.port, server.user, name);
}

QString writePostgresSettings(const QString& path, const QString& dsn, const QString& extraData) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write(QStringLiteral("data:\n  source: postgres\n  postgres_dsn: \"%1\"\n%2"
                            "cache:\n  enabled: false\n  redis: false\n")
                 .arg(dsn, extraData)
                 .toUtf8());
  return path;
}

void execSql(const QString& dsn, const QString& sql) {
  pqxx::connection connection(dsn.toStdString());
  pqxx::nontransaction tx(connection);
  tx.exec(sql.toStdString());
}

QString compareBars(const Bars& actual, const Bars& expected, double volumeRel) {
  if (actual.size() != expected.size())
    return QStringLiteral("%1 bars, expected %2").arg(actual.size()).arg(expected.size());
  const auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; };
  for (Eigen::Index i = 0; i < actual.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    const QString at = isoUtc(expected.timestamps[k]);
    if (actual.timestamps[k] != expected.timestamps[k])
      return QStringLiteral("bar %1: timestamp %2, expected %3").arg(i).arg(isoUtc(actual.timestamps[k]), at);
    const char* names[] = {"open", "high", "low", "close"};
    const double a[] = {actual.open[i], actual.high[i], actual.low[i], actual.close[i]};
    const double e[] = {expected.open[i], expected.high[i], expected.low[i], expected.close[i]};
    for (int f = 0; f < 4; ++f)
      if (!same(a[f], e[f]))
        return QStringLiteral("bar %1 (%2): %3 %4, expected %5").arg(i).arg(at, QLatin1String(names[f]))
            .arg(a[f], 0, 'g', 17).arg(e[f], 0, 'g', 17);
    const double va = actual.volume[i], ve = expected.volume[i];
    const bool volumeOk = same(va, ve) || std::abs(va - ve) <= volumeRel * std::max(std::abs(va), std::abs(ve));
    if (!volumeOk)
      return QStringLiteral("bar %1 (%2): volume %3, expected %4").arg(i).arg(at).arg(va, 0, 'g', 17).arg(ve, 0, 'g', 17);
  }
  return {};
}

namespace {
/// A TCP socket bound to a free loopback port; the port through `port`.
int boundLoopbackSocket(int* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  *port = ntohs(address.sin_port);
  return fd;
}
}  // namespace

int unusedPort() {
  int port = 0;
  ::close(boundLoopbackSocket(&port));
  return port;
}

SilentListener::SilentListener() {
  fd_ = boundLoopbackSocket(&port_);
  ::listen(fd_, 16);
}

SilentListener::~SilentListener() { ::close(fd_); }

UnansweredListener::UnansweredListener() {
  fd_ = boundLoopbackSocket(&port_);
  ::listen(fd_, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port_));
  // Linux queues backlog + 1 completed connections; two more than that leave no doubt.
  for (int i = 0; i < 3; ++i) {
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address);
    fillers_.push_back(client);
  }
  ::usleep(100'000);  // let the handshakes of the fillers complete before a test connects
}

UnansweredListener::~UnansweredListener() {
  for (const int client : fillers_) ::close(client);
  ::close(fd_);
}

Bars sliceByTime(const Bars& bars, Timestamp from, Timestamp to) {
  const auto begin = std::lower_bound(bars.timestamps.begin(), bars.timestamps.end(), from);
  const auto end = std::lower_bound(bars.timestamps.begin(), bars.timestamps.end(), to);
  const auto first = static_cast<Eigen::Index>(begin - bars.timestamps.begin());
  const auto count = static_cast<Eigen::Index>(end - begin);
  Bars out;
  out.timestamps.assign(begin, end);
  out.open = bars.open.segment(first, count);
  out.high = bars.high.segment(first, count);
  out.low = bars.low.segment(first, count);
  out.close = bars.close.segment(first, count);
  out.volume = bars.volume.segment(first, count);
  return out;
}

}  // namespace strata::test
