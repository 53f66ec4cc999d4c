#pragma once
// Where the engine's threaded work runs: forEachIndex (the pipeline's tasks) and BackgroundTask
// (FeatureEngineer's load of the base bars).
//
// Normally both run on a QThreadPool (QtConcurrent). Under ThreadSanitizer (STRATA_SANITIZE=thread)
// they run on std::threads instead: Qt is not instrumented, so TSan cannot see the ordering
// QThreadPool's queue and QFuture give (their QMutex is a futex TSan does not intercept) and
// reports every hand-over of a task or a result as a race (230 reports in test_pipeline alone),
// hiding real ones. The same calls of the same functions either way: only who schedules them
// differs (and, in that build only, concurrent runs sharing one pool each start their own
// threads, so more run at once than the pool allows).
#include <QFuture>
#include <QThreadPool>
#include <QUnhandledException>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define STRATA_STD_THREAD_TASKS 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define STRATA_STD_THREAD_TASKS 1
#endif
#endif

namespace strata {

namespace detail {

// fn(i) for every i in [0, count) on `threads` std::threads taking the next index in turn; the
// first exception stops the others taking more and is rethrown once all have stopped.
template <typename Fn>
void forEachIndexOnStdThreads(int count, int threads, Fn& fn) {
  std::atomic_int next{0};
  std::atomic_bool failed{false};
  std::exception_ptr firstError;
  std::mutex errorMutex;
  auto work = [&] {
    for (int i = next.fetch_add(1); i < count && !failed.load(); i = next.fetch_add(1)) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(errorMutex);
        if (!firstError) firstError = std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) workers.emplace_back(work);
  for (std::thread& w : workers) w.join();
  if (firstError) std::rethrow_exception(firstError);
}

}  // namespace detail

/// Runs fn(i) for i in [0, count) on the pool's threads (as many as it allows), or inline for a
/// single item or a one-thread pool. Returns when every call has returned.
template <typename Fn>
void forEachIndex(int count, QThreadPool* pool, Fn fn) {
  if (count == 1 || pool->maxThreadCount() <= 1) {
    for (int i = 0; i < count; ++i) fn(i);
    return;
  }
#ifdef STRATA_STD_THREAD_TASKS
  detail::forEachIndexOnStdThreads(count, std::min(count, pool->maxThreadCount()), fn);
#else
  std::vector<int> indices(static_cast<std::size_t>(count));
  std::iota(indices.begin(), indices.end(), 0);
  QtConcurrent::blockingMap(pool, indices, [&fn](int i) { fn(i); });
#endif
}

/// fn() started on a thread of `pool` (under ThreadSanitizer: a std::thread of its own),
/// polled with isFinished() and taken once with takeResult(), which rethrows what fn threw. The
/// caller may stop polling and go: the work still finishes, on its own.
template <typename T>
class BackgroundTask {
 public:
  template <typename Fn>
  BackgroundTask(QThreadPool* pool, Fn fn) {
#ifdef STRATA_STD_THREAD_TASKS
    (void)pool;
    std::packaged_task<T()> task(std::move(fn));
    future_ = task.get_future();
    std::thread(std::move(task)).detach();
#else
    future_ = QtConcurrent::run(pool, std::move(fn));
#endif
  }

  bool isFinished() const {
#ifdef STRATA_STD_THREAD_TASKS
    return future_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
#else
    return future_.isFinished();
#endif
  }

  T takeResult() {
#ifdef STRATA_STD_THREAD_TASKS
    return future_.get();
#else
    try {
      return future_.takeResult();
    } catch (const QUnhandledException& e) {
      // QtConcurrent wraps every exception that is not a QException; unwrap it.
      if (e.exception()) std::rethrow_exception(e.exception());
      throw;
    }
#endif
  }

 private:
#ifdef STRATA_STD_THREAD_TASKS
  std::future<T> future_;
#else
  QFuture<T> future_;
#endif
};

}  // namespace strata
