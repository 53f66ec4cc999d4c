#pragma once
// Faults of a real PostgreSQL for the tests, all on loopback and owned by the test: a backend
// stopped (SIGSTOP) in the middle of a statement, and a TCP relay that stops forwarding or drops
// its connections part-way through a result.
#include <QString>

#include <sys/types.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace strata::test {

/// Holds a lock on table bars of `dsn`'s database (BEGIN; LOCK TABLE) until released or
/// destroyed: ACCESS EXCLUSIVE makes every statement on bars wait for it, SHARE every write, so
/// a test knows where a client stands.
class TableLock {
 public:
  explicit TableLock(const QString& dsn, const char* mode = "ACCESS EXCLUSIVE");
  ~TableLock();
  TableLock(const TableLock&) = delete;
  TableLock& operator=(const TableLock&) = delete;
  void release();

 private:
  struct State;
  State* state_;
};

/// The pids of `count` backends of `database` waiting for a lock (as on a TableLock), once that
/// many wait, within `seconds`; fewer when fewer did.
std::vector<pid_t> waitForBlockedBackends(const QString& adminDsn, const QString& database,
                                          int count, int seconds);

/// A process stopped with SIGSTOP, resumed (SIGCONT) by resume() or when this goes, so a failed
/// test never leaves the server's backend stopped.
class StoppedProcess {
 public:
  explicit StoppedProcess(pid_t pid);
  ~StoppedProcess() { resume(); }
  StoppedProcess(const StoppedProcess&) = delete;
  StoppedProcess& operator=(const StoppedProcess&) = delete;
  void resume();

 private:
  pid_t pid_;
};

/// A relay on 127.0.0.1 to the test server's port that forwards both ways until the server has
/// sent `afterBytes` through it (over all its connections), then fails as asked:
///   Freeze  forwards nothing more: every connection stays open, new ones are accepted and never
///           answered (a stopped server, a network that silently drops everything);
///   Drop    closes every connection and stops listening (a server that went away for good).
class FaultyRelay {
 public:
  enum class Fault { Freeze, Drop };
  FaultyRelay(int serverPort, Fault fault, long long afterBytes);
  ~FaultyRelay() { close(); }
  FaultyRelay(const FaultyRelay&) = delete;
  FaultyRelay& operator=(const FaultyRelay&) = delete;
  int port() const { return port_; }
  /// Closes every connection and the listener, which ends any wait on the relay.
  void close();
  bool faulted() const { return faulted_.load(); }

 private:
  struct Pair {
    int client = -1;
    int server = -1;
  };
  void loop();
  void accept();
  /// Forwards what `from` has to `to`; false when `from` is closed.
  bool forward(int from, int to, bool fromServer);
  void fail();

  const int serverPort_;
  const Fault fault_;
  const long long afterBytes_;
  int listener_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};    // a pipe: a byte ends the loop
  long long fromServer_ = 0;  // bytes forwarded from the server
  std::vector<Pair> pairs_;
  std::vector<int> unanswered_;  // accepted after a freeze
  std::atomic_bool faulted_{false};
  std::thread thread_;
};

}  // namespace strata::test
