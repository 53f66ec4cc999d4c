#pragma once
// Hostile-input suites must fail, never hang or eat the machine. Each case runs under a deadline:
// a regression that loops ends the process with a message instead of waiting for CTest's timeout.
// The address space is capped: a regression that grows memory meets bad_alloc, a failure.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <utility>

namespace strata::hostile {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define STRATA_HOSTILE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define STRATA_HOSTILE_SANITIZED 1
#endif
#endif

/// Caps the process's address space (not under ASan/TSan, which reserve terabytes up front).
inline void capAddressSpace(rlim_t bytes) {
#ifndef STRATA_HOSTILE_SANITIZED
  const rlimit limit{bytes, bytes};
  setrlimit(RLIMIT_AS, &limit);
#else
  (void)bytes;
#endif
}

/// While alive, ends the process with status 1 and a message if it lives longer than `seconds`:
/// a stuck parse cannot be interrupted, and waiting on it is the hang.
class Watchdog {
 public:
  Watchdog(const char* what, int seconds)
      : thread_([this, what, seconds] {
          std::unique_lock lock(mutex_);
          if (done_.wait_for(lock, std::chrono::seconds(seconds), [this] { return finished_; }))
            return;
          std::fprintf(stderr, "FAIL: %s did not finish within %d s (a hang)\n", what, seconds);
          std::fflush(stderr);
          _exit(1);
        }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      finished_ = true;
    }
    done_.notify_one();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool finished_ = false;
  std::thread thread_;  // last: starts once the members it uses exist
};

/// `work()`, under a Watchdog.
template <typename Work>
auto withinDeadline(const char* what, int seconds, Work&& work) {
  Watchdog watchdog(what, seconds);
  return std::forward<Work>(work)();
}

}  // namespace strata::hostile
