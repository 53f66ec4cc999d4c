#include "cli_common.h"

#include "strata/csv_directory_source.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace strata::cli {

QTextStream& out() {
  static QTextStream stream(stdout);
  return stream;
}

QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
}

void addPluginOption(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("plugin-dir"),
                    QStringLiteral("Load plugins from DIR instead of the default search path "
                                   "($STRATA_PLUGIN_PATH, then beside the executable). Repeatable."),
                    QStringLiteral("DIR")});
}

void loadPlugins(const QCommandLineParser& parser, PluginRegistry& registry, bool reportRefused) {
  QStringList dirs = parser.values(QStringLiteral("plugin-dir"));
  if (dirs.isEmpty()) dirs = PluginRegistry::defaultSearchPaths();
  if (dirs.isEmpty())
    err() << "warning: no plugin directory found; set STRATA_PLUGIN_PATH or use --plugin-dir\n";
  for (const QString& d : dirs) registry.loadDirectory(d);
  if (reportRefused)
    for (const RefusedPlugin& r : registry.refused())
      err() << "warning: plugin " << r.path << " refused: " << r.reason << '\n';
  err().flush();
}

QString dataDirectory(const QString& given) {
  return given.isEmpty() ? bundledDataDirectory() : given;
}

bool numberOption(const QCommandLineParser& parser, const QString& name, int low, int high, int* value, int* code) {
  if (!parser.isSet(name)) return true;
  bool ok = false;
  const int parsed = parser.value(name).toInt(&ok);
  if (!ok || parsed < low || parsed > high) {
    err() << "strata-cli: --" << name << " takes a whole number from " << low << " to " << high << ", not '"
          << parser.value(name) << "'\n";
    *code = kUsage;
    return false;
  }
  *value = parsed;
  return true;
}

bool parseCommand(QCommandLineParser& parser, const QStringList& args, int* code) {
  parser.addHelpOption();
  if (!parser.parse(args)) {
    err() << "strata-cli: " << parser.errorText() << "\n" << parser.helpText();
    err().flush();
    *code = kUsage;
    return false;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    out().flush();
    *code = kOk;
    return false;
  }
  return true;
}

}  // namespace strata::cli
