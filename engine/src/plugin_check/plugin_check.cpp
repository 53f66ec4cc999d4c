// The plugin checker's driver: builds the inputs and parameter sets once, plans them, and runs
// the requested checks in order.
#include "check_support.h"

#include <QFileInfo>

namespace strata {
namespace {

using plugin_check::Context;

CheckResult checkMetadata(const Context& context) {
  const PluginInfo& info = context.plugin.info;
  CheckResult result{QStringLiteral("metadata"), {}, {}, {}};
  result.summary = QStringLiteral(
                       "accepted by the plugin registry (IID %1, apiVersion %2, schema): "
                       "%3 '%4' v%5, %6, %7")
                       .arg(QLatin1String(StrataFeaturePlugin_iid))
                       .arg(info.apiVersion)
                       .arg(info.kind, info.id, info.version)
                       .arg(plugin_check::counted(info.outputs.size(), QStringLiteral("output")),
                            plugin_check::counted(info.params.size(), QStringLiteral("parameter")));
  return result;
}

using Check = CheckResult (*)(const Context&);

const std::vector<std::pair<QString, Check>>& checks() {
  static const std::vector<std::pair<QString, Check>> all = {
      {QStringLiteral("metadata"), checkMetadata},
      {QStringLiteral("plan"), plugin_check::checkPlan},
      {QStringLiteral("lookback"), plugin_check::checkLookback},
      {QStringLiteral("truncation"), plugin_check::checkTruncation},
      {QStringLiteral("parameters"), plugin_check::checkParameters},
      {QStringLiteral("non-finite"), plugin_check::checkNonFinite},
      {QStringLiteral("short-inputs"), plugin_check::checkShortInputs},
      {QStringLiteral("threads"), plugin_check::checkThreads},
  };
  return all;
}

}  // namespace

const QStringList& pluginCheckNames() {
  static const QStringList names = [] {
    QStringList found;
    for (const auto& [name, check] : checks()) found << name;
    return found;
  }();
  return names;
}

PluginCheckReport checkPlugin(const LoadedPlugin& plugin, const PluginCheckOptions& options) {
  using namespace plugin_check;
  const PluginInfo& info = plugin.info;
  Context context{plugin,
                  options,
                  {},
                  parameterSets(info),
                  makeFrame(info, FrameKind::Clean, options.seed),
                  makeFrame(info, FrameKind::NonFinite, options.seed)};
  context.columns = context.clean.names;
  for (ParameterSet& set : context.sets) planSet(*plugin.instance, info, context.columns, &set);
  PluginCheckReport report;
  report.info = info;
  for (const auto& [name, check] : checks())
    if (options.only.isEmpty() || options.only.contains(name))
      report.checks.push_back(check(context));
  return report;
}

std::optional<PluginCheckReport> checkPluginLibrary(const QString& path,
                                                    const PluginCheckOptions& options,
                                                    QString* refusal) {
  if (!QFileInfo(path).isFile()) {
    *refusal = QStringLiteral("%1: no such file").arg(path);
    return std::nullopt;
  }
  // QPluginLoader looks a relative name up in the library paths, not in the working directory.
  PluginRegistry registry;
  if (!registry.loadFile(QFileInfo(path).absoluteFilePath())) {
    *refusal = QStringLiteral("%1: refused by the plugin registry: %2")
                   .arg(path, registry.refused().back().reason);
    return std::nullopt;
  }
  return checkPlugin(registry.plugins().back(), options);  // the one just loaded, after the built-ins
}

}  // namespace strata
