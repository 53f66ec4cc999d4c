// Linked into every executable of a STRATA_SANITIZE=thread build (cmake/sanitizers.cmake).
//
// QProcess (Qt 6.4's forkfd) starts a child with clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD):
// the child runs in the parent's memory until it execs. ThreadSanitizer 14's clone interceptor
// does not handle a child that shares memory and aborts the parent ("CHECK failed:
// tsan_rtl.cpp:234 ((!thr->slot)) != (0)"), so no test that starts redis-server, strata-cli or a
// probe process could run under TSan. TSan's own vfork interceptor turns vfork into fork for the
// same reason (a child in shared memory would also write TSan's shadow state); this does that for
// such a clone: the same child function in a forked child, the pidfd opened for the caller. Any
// other clone goes to TSan's interceptor, which this definition replaces (TSan's `clone` is a weak
// alias in the executable).
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>

extern "C" int __interceptor_clone(int (*fn)(void*), void* stack, int flags, void* arg, int* parentTid,
                                   void* tls, int* childTid);

extern "C" int clone(int (*fn)(void*), void* stack, int flags, void* arg, ...) {
  va_list rest;
  va_start(rest, arg);
  int* parentTid = va_arg(rest, int*);
  void* tls = va_arg(rest, void*);
  int* childTid = va_arg(rest, int*);
  va_end(rest);
  if (!(flags & CLONE_VM) || !(flags & CLONE_VFORK))
    return __interceptor_clone(fn, stack, flags, arg, parentTid, tls, childTid);
  const pid_t pid = fork();
  if (pid == 0) _exit(fn(arg));
  if (pid > 0 && (flags & CLONE_PIDFD)) {
    const long pidfd = syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {  // as if clone had failed: no child left behind, pidfd_open's errno kept
      const int error = errno;
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      errno = error;
      return -1;
    }
    *parentTid = static_cast<int>(pidfd);
  }
  return pid;
}
