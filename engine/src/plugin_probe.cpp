#include "plugin_probe.h"

#include <QFile>
#include <QObject>

#include <dlfcn.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace strata {
namespace {

// qt_plugin_instance's own type: a call through any other is undefined (UBSan's function check
// stops the child, and every plugin is refused as crashed).
using InstanceFunction = QObject* (*)();

// The child: what QPluginLoader::instance() does (load with every symbol bound, call the
// plugin's instance function), then leave at once: no atexit handlers, no destructors of the
// parent's objects, no leak report. A throwing constructor is the in-process load's business.
[[noreturn]] void loadAndLeave(const char* path) {
  // The parent's crash handlers (a test framework's, a sanitizer's) would report, trace or
  // linger instead of letting the child die of the signal that tells us what happened.
  for (const int fatal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS})
    signal(fatal, SIG_DFL);
  if (void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL)) {
    if (auto instance = reinterpret_cast<InstanceFunction>(dlsym(handle, "qt_plugin_instance"))) {
      try {
        instance();
      } catch (...) {
      }
    }
  }
  _exit(0);
}

// Waits for the child up to `limit`, polling: a blocking waitpid cannot time out. Polls fast
// at first, since most libraries load in a millisecond or two.
std::optional<int> waitFor(pid_t child, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  auto pause = std::chrono::microseconds(50);
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) return status;
    if (done < 0 && errno != EINTR) return 0;  // not ours to wait for any more: nothing to say
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(20'000));
  }
}

}  // namespace

std::optional<QString> probePluginInChild(const QString& path, std::chrono::milliseconds limit) {
  const QByteArray file =
      QFile::encodeName(path);  // before fork: the child allocates nothing of ours
  const pid_t child = fork();
  if (child < 0) return std::nullopt;  // no process to spare: load as before, unprobed
  if (child == 0) loadAndLeave(file.constData());

  const std::optional<int> status = waitFor(child, limit);
  if (!status) {
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    return QStringLiteral(
               "loading it did not finish within %1 s (tried in a separate process, "
               "so Strata did not stall)")
        .arg(static_cast<double>(limit.count()) / 1000.0);
  }
  if (WIFSIGNALED(*status)) {
    const int signal = WTERMSIG(*status);
    return QStringLiteral(
               "loading it crashed (signal %1, %2; tried in a separate process, so "
               "Strata kept running): the file is damaged or its start-up code is broken")
        .arg(signal)
        .arg(QString::fromLocal8Bit(strsignal(signal)));
  }
  // The child itself always exits 0: anything else is the library's code ending the process.
  if (WIFEXITED(*status) && WEXITSTATUS(*status) != 0)
    return QStringLiteral(
               "loading it ended the process with exit status %1 (tried in a separate "
               "process, so Strata kept running)")
        .arg(WEXITSTATUS(*status));
  return std::nullopt;
}

}  // namespace strata
