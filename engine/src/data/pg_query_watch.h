#pragma once
// Bounds how long an operation waits on the server, and ends the wait when its run is cancelled.
// libpqxx 6.4 only makes blocking calls, so a watcher thread does it from outside: when the step
// an operation waits on outlives the bound (data.query_timeout_s), or the run's cancel flag
// (CancelScope) is set, it asks the server to cancel the statement (PQcancel, on a thread of its
// own, since it connects to the server and may wait itself) and, when the operation still waits
// a grace period later (a stopped server or a dead network cancels nothing), shuts the
// connection's socket down, which ends any blocking libpq call. The operation then fails; its
// Watch says why. No server setting can do this: keepalives are answered by a stopped server's
// kernel, and its statement_timeout never fires while it is stopped.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace strata::pg {

class Connection;
class CancelRequest;

enum class Interruption { None, Cancelled, TimedOut };

class QueryWatcher {
  struct Entry;

 public:
  using Clock = std::chrono::steady_clock;

  explicit QueryWatcher(std::chrono::milliseconds bound);
  ~QueryWatcher();
  QueryWatcher(const QueryWatcher&) = delete;
  QueryWatcher& operator=(const QueryWatcher&) = delete;

  /// One operation on one connection, watched while it lives.
  class Watch {
   public:
    Watch(QueryWatcher& watcher, std::shared_ptr<Entry> entry)
        : watcher_(watcher), entry_(std::move(entry)) {}
    ~Watch() { watcher_.unwatch(entry_); }
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

    /// Names the step about to wait on the server ("fetching rows") and restarts its bound.
    void step(const char* what);
    /// The step waited on last (when interrupted: the one that was interrupted).
    const char* currentStep() const;
    Interruption interruption() const;

   private:
    QueryWatcher& watcher_;
    std::shared_ptr<Entry> entry_;
  };

  /// Watches the operation about to run on `connection` for the calling thread's run
  /// (CancelScope::current()), its first step `first`.
  Watch watch(Connection& connection, const char* first);
  std::chrono::milliseconds bound() const { return bound_; }

 private:
  void unwatch(const std::shared_ptr<Entry>& entry);
  void loop();
  /// Interrupts `entry` when due; lowers `wake` to when it next needs a look.
  void check(Entry& entry, Clock::time_point now, Clock::time_point* wake) const;

  const std::chrono::milliseconds bound_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::shared_ptr<Entry>> entries_;  // guarded by mutex_
  bool stopping_ = false;                        // guarded by mutex_
  std::thread thread_;                           // started by the first watch
};

}  // namespace strata::pg
