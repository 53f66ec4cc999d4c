#pragma once
// A real redis-server for one test: its own port on loopback, no persistence, a temp dir.
// Tests kill it (-9), restart it on the same port, and stop/continue it to make it slow.
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace strata::test {

/// A TCP port on 127.0.0.1 that was free a moment ago.
int freeLoopbackPort();

class RedisServer {
 public:
  explicit RedisServer(QStringList extraArgs = {});
  ~RedisServer();
  /// Starts (or restarts, on the same port); false when it is not ready within 10 s.
  bool start();
  void kill();    // SIGKILL, as a crash would
  void pause();   // SIGSTOP: connections hang, commands time out
  void resume();  // SIGCONT
  int port() const { return port_; }
  /// Listen on this port instead of a free one (for "Redis appears later on its port").
  void setPort(int port) {
    port_ = port;
    fixedPort_ = true;
  }
  QString log() const { return log_; }
  /// Runs redis-cli against the server; returns its stdout (trimmed).
  QString cli(const QStringList& args) const;

 private:
  QStringList extraArgs_;
  QTemporaryDir dir_;
  QProcess process_;
  int port_ = 0;
  bool fixedPort_ = false;
  QString log_;
};

}  // namespace strata::test
