#include "redis_server.h"

#include <QDeadlineTimer>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::test {

int freeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

RedisServer::RedisServer(QStringList extraArgs) : extraArgs_(std::move(extraArgs)) {
  process_.setProcessChannelMode(QProcess::MergedChannels);
}

RedisServer::~RedisServer() {
  resume();
  kill();
}

bool RedisServer::start() {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (!fixedPort_ && (port_ == 0 || attempt > 0)) port_ = freeLoopbackPort();
    QStringList args{QStringLiteral("--port"), QString::number(port_), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"), QStringLiteral("no"),
                     QStringLiteral("--dir"), dir_.path(), QStringLiteral("--daemonize"), QStringLiteral("no")};
    process_.start(QStringLiteral("/usr/bin/redis-server"), args + extraArgs_);
    if (!process_.waitForStarted(5000)) return false;
    const QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired() && process_.state() == QProcess::Running) {
      process_.waitForReadyRead(100);
      log_ += QString::fromLocal8Bit(process_.readAll());
      if (log_.contains(QLatin1String("Ready to accept connections"))) {
        log_.clear();
        return true;
      }
    }
    kill();
    if (fixedPort_ || !log_.contains(QLatin1String("Address already in use"))) return false;
    log_.clear();
  }
  return false;
}

void RedisServer::kill() {
  if (process_.state() == QProcess::NotRunning) return;
  process_.kill();
  process_.waitForFinished(5000);
}

void RedisServer::pause() {
  if (process_.state() == QProcess::Running) ::kill(static_cast<pid_t>(process_.processId()), SIGSTOP);
}

void RedisServer::resume() {
  if (process_.state() == QProcess::Running) ::kill(static_cast<pid_t>(process_.processId()), SIGCONT);
}

QString RedisServer::cli(const QStringList& args) const {
  QProcess cli;
  cli.start(QStringLiteral("/usr/bin/redis-cli"), QStringList{QStringLiteral("-p"), QString::number(port_)} + args);
  cli.waitForFinished(10'000);
  return QString::fromLocal8Bit(cli.readAllStandardOutput()).trimmed();
}

}  // namespace strata::test
