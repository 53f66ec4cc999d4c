#pragma once
// What the workbench window works with, made once from the settings (strata.yaml): the plugin
// registry, the data source, the feature cache. Nothing here connects to a server: the source
// and the cache contact theirs on first use, and a missing Redis only means a memory cache.
#include "strata/app_settings.h"
#include "strata/data_source.h"
#include "strata/feature_store.h"
#include "strata/plugin_registry.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace strata::ui {

struct Workbench {
  AppSettings settings;
  QString settingsFile;            // empty: built-in defaults
  QStringList settingsErrors;      // the settings file was refused: defaults are used instead
  std::unique_ptr<PluginRegistry> registry;
  std::shared_ptr<const DataSource> source;  // null when the settings cannot make one
  QString sourceError;
  std::shared_ptr<FeatureStore> store;       // null: no cache
  /// One line for the status bar: cache tiers, Redis connected or not, hit rate.
  std::function<QString()> cacheStatus;

  /// `settingsPath` empty: $STRATA_SETTINGS, else strata.yaml beside the executable's data or in
  /// the source tree, else built-in defaults. `pluginDirs` empty: the registry's defaults.
  static std::unique_ptr<Workbench> create(const QString& settingsPath = {},
                                           const QStringList& pluginDirs = {});
  /// With an explicit source and store (tests, benchmarks).
  static std::unique_ptr<Workbench> create(std::shared_ptr<const DataSource> source,
                                           std::shared_ptr<FeatureStore> store,
                                           const QStringList& pluginDirs = {});
};

/// The strata.yaml the workbench reads when none is given.
QString defaultSettingsFile();

}  // namespace strata::ui
