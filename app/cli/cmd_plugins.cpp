// strata-cli plugins: what the registry loaded (with each parameter's schema) and what it refused;
// with --markdown, the catalogue page docs/indicators.md (CI checks the checked-in page is current).
#include "cli_common.h"

#include <map>

namespace strata::cli {
namespace {

void printPlugin(const PluginInfo& info) {
  out() << info.id << "  " << info.kind << "  v" << info.version << "  " << info.name << '\n';
  if (!info.description.isEmpty()) out() << "    " << info.description << '\n';
  out() << "    library: " << info.libraryPath << '\n';
  if (!info.inputs.isEmpty()) out() << "    inputs: " << info.inputs.join(QStringLiteral(", ")) << '\n';
  if (info.kind == u"transform")
    out() << "    applies to: "
          << (info.usesApplyTo ? "the step's apply_to columns" : "the columns named in its parameters")
          << '\n';
  out() << "    outputs:\n";
  for (const OutputSpec& o : info.outputs)
    out() << "      " << o.name << "  (lookback " << o.lookback << ")"
          << (o.help.isEmpty() ? QString() : QStringLiteral("  ") + o.help) << '\n';
  if (!info.params.empty()) out() << "    parameters:\n";
  for (const ParamSpec& p : info.params) {
    out() << "      " << p.name << "  " << paramTypeName(p.type) << "  default "
          << paramValueText(p.defaultValue);
    if (p.min) out() << "  min " << *p.min;
    if (p.max) out() << "  max " << *p.max;
    if (!p.choices.isEmpty()) out() << "  choices " << p.choices.join(QLatin1Char('|'));
    out() << '\n';
    if (!p.help.isEmpty()) out() << "          " << p.help << '\n';
  }
}

/// Metadata text as Markdown: asterisks (products such as "k * sigma") are not emphasis.
QString prose(QString text) { return text.replace(QLatin1Char('*'), QStringLiteral("\\*")); }

/// Markdown table cells: also one line, pipes escaped.
QString cell(QString text) {
  return prose(text).replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
}

QString paramRange(const ParamSpec& p) {
  if (!p.choices.isEmpty()) return p.choices.join(QStringLiteral(", "));
  QString range;
  if (p.min) range += QStringLiteral("min %1").arg(*p.min);
  if (p.max) range += (range.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("max %1").arg(*p.max);
  return range;
}

void printMarkdownPlugin(const PluginInfo& info) {
  out() << "<a id=\"" << info.id << "\"></a>\n### `" << info.id << "`: " << prose(info.name) << "\n\n";
  if (!info.description.isEmpty()) out() << prose(info.description) << "\n\n";
  if (!info.inputs.isEmpty()) out() << "Reads: " << info.inputs.join(QStringLiteral(", ")) << ".\n\n";
  out() << "| output | lookback | meaning |\n|---|---|---|\n";
  for (const OutputSpec& o : info.outputs)
    out() << "| `" << o.name << "` | `" << o.lookback << "` | " << cell(o.help) << " |\n";
  if (!info.params.empty()) {
    out() << "\n| parameter | type | default | range | meaning |\n|---|---|---|---|---|\n";
    for (const ParamSpec& p : info.params)
      out() << "| `" << p.name << "` | " << paramTypeName(p.type) << " | `"
            << paramValueText(p.defaultValue) << "` | " << cell(paramRange(p)) << " | "
            << cell(p.help) << " |\n";
  }
  out() << '\n';
}

/// The catalogue page: every loaded plugin by category, categories and plugins by name.
void printMarkdown(const PluginRegistry& registry) {
  std::map<QString, std::map<QString, const PluginInfo*>> byCategory;
  for (const LoadedPlugin& p : registry.plugins()) byCategory[p.info.listedCategory()][p.info.id] = &p.info;
  out() << "# The plugin catalogue\n\n"
        << "Every indicator and transform Strata ships, from each plugin's own metadata: written by\n"
        << "`strata-cli plugins --markdown > docs/indicators.md` (CTest `docs_indicators` fails when\n"
        << "this page is not what the plugins say). A lookback is the number of leading rows without a\n"
        << "value, in terms of the parameters; docs/plugins.md says how to write a plugin.\n\n";
  for (const auto& [category, plugins] : byCategory) {
    out() << "- " << category << ":";
    for (const auto& [id, info] : plugins) out() << " [`" << id << "`](#" << id << ")";
    out() << '\n';
  }
  for (const auto& [category, plugins] : byCategory) {
    out() << "\n## " << category << "\n\n";
    for (const auto& [id, info] : plugins) printMarkdownPlugin(*info);
  }
}

}  // namespace

int runPlugins(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("List the plugins Strata loaded, with their parameter schemas, and the "
                     "plugins it refused, with the reason."));
  addPluginOption(parser);
  parser.addOption({QStringLiteral("markdown"),
                    QStringLiteral("Print the catalogue page (docs/indicators.md) instead: the loaded "
                                   "plugins by category, each with its outputs and parameters.")});
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  PluginRegistry registry;
  const bool markdown = parser.isSet(QStringLiteral("markdown"));
  loadPlugins(parser, registry, markdown);
  if (markdown) {
    printMarkdown(registry);
    out().flush();
    return registry.plugins().empty() ? kInvalidInput : kOk;
  }
  out() << "Loaded plugins (" << registry.plugins().size() << "):\n\n";
  for (const LoadedPlugin& p : registry.plugins()) {
    printPlugin(p.info);
    out() << '\n';
  }
  out() << "Refused plugins (" << registry.refused().size() << "):\n";
  for (const RefusedPlugin& r : registry.refused())
    out() << "  " << r.path << (r.id.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(r.id))
          << ": " << r.reason << '\n';
  out().flush();
  return registry.plugins().empty() ? kInvalidInput : kOk;
}

}  // namespace strata::cli
