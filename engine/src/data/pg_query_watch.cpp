#include "pg_query_watch.h"

#include "pg_connection_pool.h"
#include "strata/cancel_scope.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace strata::pg {
namespace {

// A cancelled statement ends within milliseconds on a server that runs; one still waiting this
// long after the request is on a server that cannot act on it.
constexpr auto kGrace = std::chrono::seconds(1);
// How often a watched operation's cancel flag is looked at (an atomic cannot wake anyone).
constexpr auto kCancelPoll = std::chrono::milliseconds(50);

}  // namespace

struct QueryWatcher::Entry {
  // A duplicate of the connection's socket: shutting it down ends libpq's wait on the same
  // socket, and it stays open until unwatched, so its number is never another file's.
  int socket = -1;
  std::shared_ptr<const CancelRequest> cancelRequest;
  const std::atomic_bool* cancel = nullptr;
  std::atomic<Clock::rep> deadline{0};  // Clock ticks since its epoch
  std::atomic<const char*> step{""};
  std::atomic<Interruption> interruption{Interruption::None};
  // Guarded by the watcher's mutex.
  Clock::time_point interruptedAt;
  bool socketShut = false;
};

QueryWatcher::QueryWatcher(std::chrono::milliseconds bound) : bound_(bound) {}

QueryWatcher::~QueryWatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void QueryWatcher::Watch::step(const char* what) {
  entry_->step.store(what);
  entry_->deadline.store((Clock::now() + watcher_.bound_).time_since_epoch().count());
}

const char* QueryWatcher::Watch::currentStep() const {
  return entry_->step.load();
}

Interruption QueryWatcher::Watch::interruption() const {
  return entry_->interruption.load();
}

QueryWatcher::Watch QueryWatcher::watch(Connection& connection, const char* first) {
  auto entry = std::make_shared<Entry>();
  if (const int socket = connection.sock(); socket >= 0)
    entry->socket = ::fcntl(socket, F_DUPFD_CLOEXEC, 0);
  entry->cancelRequest = connection.cancelRequest();
  entry->cancel = CancelScope::current();
  entry->step.store(first);
  entry->deadline.store((Clock::now() + bound_).time_since_epoch().count());
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) thread_ = std::thread(&QueryWatcher::loop, this);
    entries_.push_back(entry);
  }
  changed_.notify_one();
  return Watch(*this, std::move(entry));
}

void QueryWatcher::unwatch(const std::shared_ptr<Entry>& entry) {
  std::lock_guard lock(mutex_);
  entries_.erase(std::find(entries_.begin(), entries_.end(), entry));
  if (entry->socket >= 0) ::close(entry->socket);
}

void QueryWatcher::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const Clock::time_point now = Clock::now();
    Clock::time_point wake = Clock::time_point::max();
    for (const auto& entry : entries_) check(*entry, now, &wake);
    if (wake == Clock::time_point::max())
      changed_.wait(lock);
    else
      changed_.wait_until(lock, wake);
  }
}

void QueryWatcher::check(Entry& entry, Clock::time_point now, Clock::time_point* wake) const {
  if (entry.interruption.load() == Interruption::None) {
    const bool cancelled = entry.cancel && entry.cancel->load(std::memory_order_relaxed);
    const Clock::time_point deadline{Clock::duration(entry.deadline.load())};
    if (!cancelled && now < deadline) {
      *wake = std::min(*wake, entry.cancel ? std::min(deadline, now + kCancelPoll) : deadline);
      return;
    }
    entry.interruption.store(cancelled ? Interruption::Cancelled : Interruption::TimedOut);
    entry.interruptedAt = now;
    if (entry.cancelRequest) {
      try {
        std::thread([request = entry.cancelRequest] { request->send(); }).detach();
      } catch (const std::system_error&) {
        // No thread to spare: the socket is shut down after the grace period all the same.
      }
    }
  }
  if (entry.socketShut) return;
  if (now < entry.interruptedAt + kGrace) {
    *wake = std::min(*wake, entry.interruptedAt + kGrace);
    return;
  }
  if (entry.socket >= 0) ::shutdown(entry.socket, SHUT_RDWR);
  entry.socketShut = true;
}

}  // namespace strata::pg
