#include "workbench.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

// The data and cache modules land independently of the GUI; until each is on main the
// workbench uses what exists (the CSV directory source alone, no cache).
#if __has_include("strata/data_sources.h")
#include "strata/data_sources.h"
#define STRATA_HAS_DATA_SOURCES 1
#endif
#if __has_include("strata/csv_directory_source.h")
#include "strata/csv_directory_source.h"
#define STRATA_HAS_CSV_SOURCE 1
#endif
#if __has_include("strata/feature_cache.h")
#include "strata/feature_cache.h"
#define STRATA_HAS_CACHE 1
#endif

namespace strata::ui {
namespace {

void loadPlugins(PluginRegistry& registry, const QStringList& pluginDirs) {
  for (const QString& dir : pluginDirs.isEmpty() ? PluginRegistry::defaultSearchPaths() : pluginDirs)
    registry.loadDirectory(dir);
}

std::shared_ptr<const DataSource> makeSource([[maybe_unused]] const DataSettings& settings, QString* error) {
#if defined(STRATA_HAS_DATA_SOURCES)
  return makeDataSource(settings, error);
#elif defined(STRATA_HAS_CSV_SOURCE)
  if (settings.source != QLatin1String("csv")) {
    *error = QObject::tr("data source '%1' is not available in this build").arg(settings.source);
    return nullptr;
  }
  return makeCsvDirectorySource(settings);
#else
  *error = QObject::tr("no data source module in this build");
  return nullptr;
#endif
}

void makeCache(Workbench& bench) {
#if defined(STRATA_HAS_CACHE)
  if (!bench.settings.cache.enabled) {
    bench.cacheStatus = [] { return QObject::tr("cache off (settings)"); };
    return;
  }
  auto cache = std::make_shared<FeatureCache>(bench.settings.cache);
  bench.store = cache;
  std::weak_ptr<FeatureCache> weak = cache;
  bench.cacheStatus = [weak] {
    const auto c = weak.lock();
    return c ? c->status() : QString();
  };
#else
  bench.cacheStatus = [] { return QObject::tr("no cache in this build"); };
#endif
}

}  // namespace

QString defaultSettingsFile() {
  const QString env = qEnvironmentVariable("STRATA_SETTINGS");
  if (!env.isEmpty()) return env;
  const QString appDir = QCoreApplication::applicationDirPath();
  for (const QString& candidate : {appDir + QStringLiteral("/../share/strata/configs/strata.yaml"),
                                   QStringLiteral(STRATA_SOURCE_CONFIG_DIR "/strata.yaml")})
    if (QFileInfo::exists(candidate)) return QDir::cleanPath(candidate);
  return {};
}

std::unique_ptr<Workbench> Workbench::create(const QString& settingsPath,
                                             const QStringList& pluginDirs) {
  auto bench = std::make_unique<Workbench>();
  bench->settingsFile = settingsPath.isEmpty() ? defaultSettingsFile() : settingsPath;
  if (!bench->settingsFile.isEmpty()) {
    std::vector<Diagnostic> errors;
    if (auto settings = AppSettings::fromFile(bench->settingsFile, &errors))
      bench->settings = *settings;
    for (const Diagnostic& d : errors) bench->settingsErrors << d.toString();
  }
  bench->registry = std::make_unique<PluginRegistry>();
  loadPlugins(*bench->registry, pluginDirs);
  bench->source = makeSource(bench->settings.data, &bench->sourceError);
  makeCache(*bench);
  return bench;
}

std::unique_ptr<Workbench> Workbench::create(std::shared_ptr<const DataSource> source,
                                             std::shared_ptr<FeatureStore> store,
                                             const QStringList& pluginDirs) {
  auto bench = std::make_unique<Workbench>();
  bench->registry = std::make_unique<PluginRegistry>();
  loadPlugins(*bench->registry, pluginDirs);
  bench->source = std::move(source);
  bench->store = std::move(store);
  bench->cacheStatus = [has = bench->store != nullptr] {
    return has ? QObject::tr("cache supplied by the caller") : QObject::tr("no cache");
  };
  return bench;
}

}  // namespace strata::ui
