#include "strata/plugin_registry.h"

#include "formula/expression_plugin.h"

#include "plugin_probe.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>

#include <exception>

namespace strata {
namespace {

// ThreadSanitizer cannot follow a fork of a threaded process (the child may deadlock in its
// runtime), so TSan builds load unprobed; they load only the project's own plugins.
#if defined(__SANITIZE_THREAD__)
constexpr bool kProbeInChild = false;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kProbeInChild = false;
#else
constexpr bool kProbeInChild = true;
#endif
#else
constexpr bool kProbeInChild = true;
#endif

}  // namespace

PluginRegistry::PluginRegistry() {
  // Built in: the formula step calls other plugins' kernels through this registry.
  auto expression = std::make_unique<formula::ExpressionPlugin>(*this);
  loaded_.push_back({formula::ExpressionPlugin::info(), expression.get()});
  builtIns_.push_back(std::move(expression));
}

PluginRegistry::~PluginRegistry() {
  // Instances belong to the loaders' root objects; unloading is left to process exit, because
  // a FeatureSet or a queued task may still run code from a library.
  loaded_.clear();
}

QStringList PluginRegistry::defaultSearchPaths() {
  QStringList found;
  auto addIfDir = [&found](const QString& p) {
    const QString canonical = QFileInfo(p).canonicalFilePath();
    if (canonical.isEmpty() || !QFileInfo(canonical).isDir() || found.contains(canonical))
      return false;
    found << canonical;
    return true;
  };
  for (const QString& p : qEnvironmentVariable("STRATA_PLUGIN_PATH").split(QLatin1Char(':'),
                                                                           Qt::SkipEmptyParts))
    addIfDir(p);
  // Then the first of the standard places that exists: one copy of each plugin, not one per
  // place (a build tree beside an installed Strata would otherwise refuse every id twice).
  QStringList standard;
  if (QCoreApplication::instance()) {
    const QString appDir = QCoreApplication::applicationDirPath();
    // Relative to the executable only, so an installation is relocatable and no build or
    // install path is compiled in: build/bin/../plugins, <prefix>/bin/../<libdir>/strata/plugins.
    standard << appDir + QStringLiteral("/../plugins")
             << appDir + QStringLiteral("/../" STRATA_RELATIVE_PLUGIN_DIR);
  }
  for (const QString& p : standard)
    if (addIfDir(p)) break;
  return found;
}

int PluginRegistry::loadDirectory(const QString& directory) {
  const QDir dir(directory);
  if (!dir.exists()) {
    refuse(directory, {}, QStringLiteral("plugin directory does not exist"));
    return 0;
  }
  int count = 0;
  const auto entries = dir.entryInfoList(QDir::Files, QDir::Name);
  for (const QFileInfo& entry : entries) {
    if (!QLibrary::isLibrary(entry.fileName())) continue;
    if (loadFile(entry.absoluteFilePath())) ++count;
  }
  return count;
}

bool PluginRegistry::loadFile(const QString& path) {
  auto loader = std::make_unique<QPluginLoader>(path);
  // Resolve every symbol at load time, so a library with a missing symbol is refused here with
  // the linker's message instead of failing later in the middle of a run.
  loader->setLoadHints(QLibrary::ResolveAllSymbolsHint);
  const QJsonObject raw = loader->metaData();
  if (raw.isEmpty())
    return refuse(path, {}, QStringLiteral("not a Qt plugin (no plugin metadata found)")), false;

  const QString iid = raw.value(QStringLiteral("IID")).toString();
  QString error;
  auto info = PluginInfo::fromJson(raw.value(QStringLiteral("MetaData")).toObject(), &error);
  const QString id = info ? info->id : QString();
  if (iid != QLatin1String(StrataFeaturePlugin_iid)) {
    refuse(path, id,
           QStringLiteral("built for interface '%1', this Strata provides '%2'")
               .arg(iid, QLatin1String(StrataFeaturePlugin_iid)));
    return false;
  }
  if (!info) return refuse(path, id, QStringLiteral("invalid metadata: %1").arg(error)), false;
  if (info->apiVersion != kPluginApiVersion) {
    refuse(path, id,
           QStringLiteral("plugin API version %1, this Strata supports version %2")
               .arg(info->apiVersion)
               .arg(kPluginApiVersion));
    return false;
  }
  if (const LoadedPlugin* existing = find(info->id)) {
    refuse(path, id,
           QStringLiteral("duplicate plugin id '%1', already provided by %2")
               .arg(info->id, existing->info.libraryPath));
    return false;
  }
  if (kProbeInChild)
    if (const std::optional<QString> why = probePluginInChild(path, probeLimit_)) return refuse(path, id, *why), false;
  QObject* root = nullptr;
  try {  // the plugin's constructor runs here: a throw refuses this plugin, not the process
    root = loader->instance();
  } catch (const std::exception& e) {
    return refuse(path, id, QStringLiteral("its constructor threw: %1").arg(QString::fromUtf8(e.what()))), false;
  } catch (...) {
    return refuse(path, id, QStringLiteral("its constructor threw a non-standard exception")), false;
  }
  if (!root) return refuse(path, id, QStringLiteral("cannot load: %1").arg(loader->errorString())), false;
  auto* plugin = qobject_cast<FeaturePlugin*>(root);
  if (!plugin) {
    loader->unload();
    return refuse(path, id, QStringLiteral("does not implement %1").arg(iid)), false;
  }
  info->libraryPath = QFileInfo(path).absoluteFilePath();
  loaded_.push_back({std::move(*info), plugin});
  loaders_.push_back(std::move(loader));
  return true;
}

const LoadedPlugin* PluginRegistry::find(const QString& id) const {
  for (const LoadedPlugin& p : loaded_)
    if (p.info.id == id) return &p;
  return nullptr;
}

void PluginRegistry::refuse(const QString& path, const QString& id, const QString& reason) {
  refused_.push_back({path, id, reason});
}

}  // namespace strata
