#include "pg_fault_support.h"

#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>

namespace strata::test {

struct TableLock::State {
  explicit State(const QString& dsn) : connection(dsn.toStdString()), tx(connection) {}
  pqxx::connection connection;
  pqxx::work tx;
};

TableLock::TableLock(const QString& dsn, const char* mode) : state_(new State(dsn)) {
  state_->tx.exec(std::string("LOCK TABLE bars IN ") + mode + " MODE");
}

TableLock::~TableLock() {
  release();
}

void TableLock::release() {
  delete state_;  // rolls the transaction back, which releases the lock
  state_ = nullptr;
}

std::vector<pid_t> waitForBlockedBackends(const QString& adminDsn, const QString& database,
                                          int count, int seconds) {
  pqxx::connection connection(adminDsn.toStdString());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<pid_t> pids;
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::nontransaction tx(connection);
    const pqxx::result rows = tx.exec_params(
        "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
        database.toStdString());
    pids.clear();
    for (const pqxx::row& row : rows) pids.push_back(row[0].as<pid_t>());
    if (static_cast<int>(pids.size()) >= count) break;
    usleep(20'000);
  }
  return pids;
}

StoppedProcess::StoppedProcess(pid_t pid) : pid_(pid) {
  if (pid_ > 0) ::kill(pid_, SIGSTOP);
}

void StoppedProcess::resume() {
  if (pid_ > 0) ::kill(pid_, SIGCONT);
  pid_ = -1;
}

namespace {

int loopbackSocket() {
  return ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

bool sendAll(int fd, const char* data, long long size) {
  while (size > 0) {
    const ssize_t sent = ::send(fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    data += sent;
    size -= sent;
  }
  return true;
}

void closeFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

FaultyRelay::FaultyRelay(int serverPort, Fault fault, long long afterBytes)
    : serverPort_(serverPort), fault_(fault), afterBytes_(afterBytes) {
  listener_ = loopbackSocket();
  sockaddr_in address = loopback(0);
  socklen_t length = sizeof address;
  ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  ::listen(listener_, 16);
  if (::pipe2(wake_, O_CLOEXEC) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread(&FaultyRelay::loop, this);
}

void FaultyRelay::close() {
  if (!thread_.joinable()) return;
  const char stop = 1;
  if (::write(wake_[1], &stop, 1) != 1) ::shutdown(listener_, SHUT_RDWR);
  thread_.join();
  for (Pair& pair : pairs_) {
    closeFd(pair.client);
    closeFd(pair.server);
  }
  for (int& fd : unanswered_) closeFd(fd);
  closeFd(listener_);
  closeFd(wake_[0]);
  closeFd(wake_[1]);
}

void FaultyRelay::loop() {
  for (;;) {
    const bool frozen = faulted_ && fault_ == Fault::Freeze;
    std::vector<pollfd> fds{{wake_[0], POLLIN, 0}, {listener_, POLLIN, 0}};
    if (!frozen)
      for (const Pair& pair : pairs_) {
        fds.push_back({pair.client, POLLIN, 0});
        fds.push_back({pair.server, POLLIN, 0});
      }
    if (::poll(fds.data(), fds.size(), -1) < 0) continue;
    if (fds[0].revents) return;
    if (fds[1].revents && listener_ >= 0) accept();
    for (std::size_t i = 0; !frozen && i < pairs_.size() && 2 + 2 * i < fds.size(); ++i) {
      const std::size_t before = pairs_.size();
      Pair pair = pairs_[i];
      const bool open = (!fds[2 + 2 * i].revents || forward(pair.client, pair.server, false)) &&
                        (!fds[3 + 2 * i].revents || forward(pair.server, pair.client, true));
      if (pairs_.size() != before || faulted_) break;  // dropped or frozen: look again
      if (!open) {
        closeFd(pairs_[i].client);
        closeFd(pairs_[i].server);
        pairs_.erase(pairs_.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
  }
}

void FaultyRelay::accept() {
  const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  if (client < 0) return;
  if (faulted_) {  // frozen: the kernel has answered the handshake, nothing else will
    unanswered_.push_back(client);
    return;
  }
  Pair pair{client, loopbackSocket()};
  const sockaddr_in server = loopback(serverPort_);
  if (::connect(pair.server, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0) {
    closeFd(pair.client);
    closeFd(pair.server);
    return;
  }
  pairs_.push_back(pair);
}

bool FaultyRelay::forward(int from, int to, bool fromServer) {
  char buffer[65536];
  const ssize_t got = ::recv(from, buffer, sizeof buffer, 0);
  if (got <= 0) return false;
  long long size = got;
  const bool due = fromServer && fromServer_ + size >= afterBytes_;
  if (due) size = afterBytes_ - fromServer_;
  if (fromServer) fromServer_ += size;
  const bool sent = sendAll(to, buffer, size);
  if (due) fail();
  return sent;
}

void FaultyRelay::fail() {
  faulted_ = true;
  if (fault_ != Fault::Drop) return;
  for (Pair& pair : pairs_) {
    closeFd(pair.client);
    closeFd(pair.server);
  }
  pairs_.clear();
  closeFd(listener_);  // connecting again is refused
}

}  // namespace strata::test
