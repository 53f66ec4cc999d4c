// strata-cli plugins: what the registry loaded (with each parameter's schema) and what it refused.
#include "cli_common.h"

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

}  // namespace

int runPlugins(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("List the plugins Strata loaded, with their parameter schemas, and the "
                     "plugins it refused, with the reason."));
  addPluginOption(parser);
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  PluginRegistry registry;
  loadPlugins(parser, registry, false);
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
