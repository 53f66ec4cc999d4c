#pragma once
// Trying a plugin library in a child process before loading it into Strata's own: a library
// that crashes the dynamic loader (a damaged file) or its constructor, or never returns from
// them, takes down or stalls only the child, and the registry refuses it with the reason.
#include <QString>

#include <chrono>
#include <optional>

namespace strata {

/// Loads `path` and creates its plugin instance in a forked child. Empty when the child got
/// through (or failed cleanly, which the in-process load reports with the loader's message);
/// otherwise why the library must not be loaded here: the signal it died of, or that it did not
/// finish within `limit`.
std::optional<QString> probePluginInChild(const QString& path, std::chrono::milliseconds limit);

}  // namespace strata
