#pragma once
// SIGINT, SIGTERM and SIGHUP cancel a strata-cli command alike: the first sets the command's
// cancel flag (the work stops at its next check, an export removes its temporary and nothing
// partial is left), and the process exits with 128 + the signal's number (130 Ctrl-C, 143
// SIGTERM, 129 SIGHUP), as a shell reports a process the signal ended. A second signal of the
// same kind ends the process at once (the default action); its temporary is swept by the next
// export into that directory. A signal the parent left ignored (nohup, a background job) stays
// ignored.
#include <atomic>

namespace strata::cli {

/// Installs the handlers; the flag they set, for the command to poll.
const std::atomic_bool* installCancelSignals();
/// 128 + the first signal received; 130 (as Ctrl-C) when the command was cancelled otherwise.
int cancelledExitCode();
/// "SIGTERM" and the like for the first signal received; empty when none was.
const char* cancelSignalName();

}  // namespace strata::cli
