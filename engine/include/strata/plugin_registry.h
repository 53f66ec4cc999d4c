#pragma once
// Finds plugin libraries on disk, reads each one's metadata before loading its code, and loads
// only those that fit: a wrong API version, a duplicate id, malformed metadata or a library that
// fails to load is refused with its reason while every other plugin keeps working. Each library
// is first loaded in a child process, so one that crashes or hangs while loading is refused too.
#include "strata/visibility.h"
#include "strata/sdk/plugin_api.h"
#include "strata/plugin_info.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <deque>
#include <memory>
#include <vector>

class QPluginLoader;

namespace strata {

struct STRATA_ENGINE_EXPORT LoadedPlugin {
  PluginInfo info;
  FeaturePlugin* instance = nullptr;  // owned by the loader's root object
};

struct STRATA_ENGINE_EXPORT RefusedPlugin {
  QString path;
  QString id;  // when the metadata could be read
  QString reason;
};

class STRATA_ENGINE_EXPORT PluginRegistry {
 public:
  PluginRegistry();
  ~PluginRegistry();
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  /// Directories searched by default: $STRATA_PLUGIN_PATH (colon-separated), then the first
  /// plugin directory found relative to the running executable (build tree or installation).
  static QStringList defaultSearchPaths();

  /// Scans `directory` (not recursively) for shared libraries. Returns how many were loaded.
  int loadDirectory(const QString& directory);
  /// Loads one library; returns false and records the reason when it is refused.
  bool loadFile(const QString& path);

  /// How long a library may take to load in the child process that tries it first (10 s).
  void setProbeLimit(std::chrono::milliseconds limit) { probeLimit_ = limit; }

  const LoadedPlugin* find(const QString& id) const;
  /// Pointers into this (find(), ResolvedStep::plugin) stay valid for the registry's life: a
  /// later loadFile or loadDirectory only appends.
  const std::deque<LoadedPlugin>& plugins() const { return loaded_; }
  const std::vector<RefusedPlugin>& refused() const { return refused_; }

 private:
  void refuse(const QString& path, const QString& id, const QString& reason);
  std::deque<LoadedPlugin> loaded_;  // a deque: appending never moves an element
  std::vector<RefusedPlugin> refused_;
  std::vector<std::unique_ptr<QPluginLoader>> loaders_;
  std::vector<std::unique_ptr<FeaturePlugin>> builtIns_;  // the engine's own steps (expression)
  std::chrono::milliseconds probeLimit_{10'000};
};

}  // namespace strata
