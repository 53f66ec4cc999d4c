#pragma once
// Shared by the PostgreSQL suites: the private server started by tests/services/postgres.sh
// (a CTest fixture), a fresh database per test, and exact comparison of bars.
#include "strata/bars.h"

#include <QString>

#include <memory>
#include <vector>

namespace strata::test {

struct PostgresServer {
  QString host, port, user;              // trusted superuser
  QString passwordUser, password;        // role that needs a password (scram-sha-256)
  QString binDir;                        // the server's bin directory (psql, ...)
  QString error;                         // why the server description could not be read
};

/// Reads STATE_DIR/postgres.env written by tests/services/postgres.sh.
PostgresServer testServer();

/// The DSN of the test server's postgres database, as its superuser.
QString adminDsn(const PostgresServer& server);

/// Drops and creates database `name` on the test server; returns its DSN (no password).
QString freshDatabase(const PostgresServer& server, const QString& name);

/// Writes strata.yaml settings at `path` that read `dsn` (data.source postgres, the cache off),
/// with `extraData` (indented "  key: value" lines) added to data:; returns `path`, "" on failure.
QString writePostgresSettings(const QString& path, const QString& dsn, const QString& extraData = {});

/// Runs SQL statements (no parameters: test-owned text only) against `dsn`.
void execSql(const QString& dsn, const QString& sql);

/// "" when equal: timestamps and OHLC bit for bit (NaN equals NaN), volume within `volumeRel`
/// relative (a float sum in another order); else the first difference, for QVERIFY2.
QString compareBars(const Bars& actual, const Bars& expected, double volumeRel = 0.0);

/// A port on 127.0.0.1 with nothing listening (bound, then released).
int unusedPort();

/// A loopback port where the kernel accepts connections (listen backlog) but nothing ever
/// answers: a hung server, which only connect_timeout can give up on.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

/// A loopback port whose accept queue is full (backlog 0, filled by connections nobody accepts):
/// the kernel drops further SYNs, so a client's connect gets no answer at all, as from an
/// unreachable host, and only connect_timeout ends the attempt. Stays on 127.0.0.1.
class UnansweredListener {
 public:
  UnansweredListener();
  ~UnansweredListener();
  UnansweredListener(const UnansweredListener&) = delete;
  UnansweredListener& operator=(const UnansweredListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::vector<int> fillers_;  // the connections that fill the queue
};

/// Rows of `bars` whose timestamp lies in [from, to).
Bars sliceByTime(const Bars& bars, Timestamp from, Timestamp to);

}  // namespace strata::test
