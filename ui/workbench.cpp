#include "workbench.h"

#include "strata/data_sources.h"
#include "strata/feature_cache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace strata::ui {
namespace {

void loadPlugins(PluginRegistry& registry, const QStringList& pluginDirs) {
  for (const QString& dir : pluginDirs.isEmpty() ? PluginRegistry::defaultSearchPaths() : pluginDirs)
    registry.loadDirectory(dir);
}

void makeCache(Workbench& bench) {
  if (!bench.settings.cache.enabled) {
    bench.cacheStatus = [] { return QObject::tr("cache off (settings)"); };
    return;
  }
  auto cache = std::make_shared<FeatureCache>(bench.settings.cache);
  bench.store = cache;
  std::weak_ptr<FeatureCache> weak = cache;
  const CacheSettings settings = bench.settings.cache;
  bench.cacheStatus = [weak, settings] {
    const auto c = weak.lock();
    if (!c) return QString();
    const CacheStats s = c->stats();
    const qint64 lookups = s.memory.hits + s.memory.misses;
    const qint64 hits = s.memory.hits + s.redis.hits;
    QString text = QObject::tr("memory %1 entries, %2 MB").arg(s.memory.entries).arg(
        double(s.memory.bytes) / (1 << 20), 0, 'f', 1);
    text += lookups ? QObject::tr(", hit rate %1% (%2 of %3)").arg(100 * hits / lookups).arg(hits).arg(lookups)
                    : QObject::tr(", no lookups yet");
    if (!settings.redis)
      text += QObject::tr("; Redis off in the settings");
    else if (c->redisAvailable())
      text += QObject::tr("; Redis connected at %1:%2").arg(settings.redisHost).arg(settings.redisPort);
    else
      text += QObject::tr("; Redis not connected (%1:%2): caching in memory only")
                  .arg(settings.redisHost)
                  .arg(settings.redisPort);
    return text;
  };
}

}  // namespace

QString defaultSettingsFile() {
  const QString env = qEnvironmentVariable("STRATA_SETTINGS");
  if (!env.isEmpty()) return env;
  const QString appDir = QCoreApplication::applicationDirPath();
  // Beside the executable, in an installation and in the build tree alike.
  const QString installed = appDir + QStringLiteral("/../share/strata/configs/strata.yaml");
  return QFileInfo::exists(installed) ? QDir::cleanPath(installed) : QString();
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
  bench->source = makeDataSource(bench->settings.data, &bench->sourceError);
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
