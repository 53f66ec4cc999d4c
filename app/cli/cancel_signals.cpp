#include "cancel_signals.h"

#include "cli_common.h"

#include <csignal>

namespace strata::cli {
namespace {

std::atomic_bool gCancel{false};
std::atomic_int gSignal{0};
static_assert(std::atomic_bool::is_always_lock_free && std::atomic_int::is_always_lock_free,
              "set from a signal handler");

extern "C" void onCancelSignal(int signal) {
  int none = 0;
  gSignal.compare_exchange_strong(none, signal);
  gCancel.store(true);
}

}  // namespace

const std::atomic_bool* installCancelSignals() {
  struct sigaction action {};
  action.sa_handler = onCancelSignal;
  sigemptyset(&action.sa_mask);
  // SA_RESTART: a write in progress continues instead of failing with EINTR. SA_RESETHAND: the
  // second signal is not caught.
  action.sa_flags = SA_RESTART | SA_RESETHAND;
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    // One ignored by whoever started us stays ignored: nohup's SIGHUP, a background job's SIGINT.
    struct sigaction inherited {};
    if (sigaction(signal, nullptr, &inherited) == 0 && inherited.sa_handler == SIG_IGN) continue;
    sigaction(signal, &action, nullptr);
  }
  return &gCancel;
}

int cancelledExitCode() {
  const int signal = gSignal.load();
  return signal ? 128 + signal : kCancelled;
}

const char* cancelSignalName() {
  switch (gSignal.load()) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "";
  }
}

}  // namespace strata::cli
