#pragma once
// Shared plumbing of the strata-cli commands: exit codes, option parsing, plugin loading.
#include "strata/plugin_registry.h"

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

namespace strata::cli {

/// Documented exit codes (see `strata-cli --help`).
enum ExitCode {
  kOk = 0,
  kFailure = 1,       // the work failed (a plugin threw, a file could not be written)
  kUsage = 2,         // wrong command line
  kInvalidInput = 3,  // a config, data file or plugin was refused
  kCancelled = 130,   // Ctrl-C; cancelled by signal N in general: 128 + N (cancel_signals.h)
};

QTextStream& out();
QTextStream& err();

/// Adds --plugin-dir; call loadPlugins() after parsing.
void addPluginOption(QCommandLineParser& parser);
/// Loads plugins from --plugin-dir (repeatable) or the default search paths. Refused plugins
/// are reported on stderr when `reportRefused`.
void loadPlugins(const QCommandLineParser& parser, PluginRegistry& registry, bool reportRefused);

/// --data-dir or $STRATA_DATA_DIR or the bundled data beside the executable or in the source.
QString dataDirectory(const QString& given);

/// A whole-number option within [low, high] into *value (left alone when the option is not
/// given); false, after saying why, with *code = kUsage otherwise.
bool numberOption(const QCommandLineParser& parser, const QString& name, int low, int high, int* value, int* code);

/// Parses the command's own arguments; prints help and returns false with `code` set when the
/// command should stop (help shown or a usage error).
bool parseCommand(QCommandLineParser& parser, const QStringList& args, int* code);

}  // namespace strata::cli
