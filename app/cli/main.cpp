// strata-cli: the headless driver of the Strata engine.
#include "cli_common.h"

#include <QCoreApplication>

namespace strata::cli {
int runPlugins(const QStringList& args);
int runGenerate(const QStringList& args);
int runSynth(const QStringList& args);
int runCache(const QStringList& args);
int runImport(const QStringList& args);
int runInspect(const QStringList& args);
int runSymbols(const QStringList& args);
int runCheckPlugin(const QStringList& args);
int runCheckConfig(const QStringList& args);
}  // namespace strata::cli

namespace {

const char* kUsageText =
    "Usage: strata-cli <command> [options]\n"
    "\n"
    "Commands:\n"
    "  plugins    List loaded plugins with their parameters, and refused plugins with reasons\n"
    "  generate   Compute the feature matrices of one symbol, one or several timeframes (and\n"
    "             the aligned multi-timeframe matrix), and write them as CSV or Parquet\n"
    "  inspect    Print a Parquet file's schema, row groups and provenance metadata\n"
    "  symbols    List the data source's symbols: first and last bar, bars, native timeframe\n"
    "  synth      Write seeded synthetic bars (a large 1m series for benchmarks) as CSV\n"
    "  cache      Feature cache in Redis: 'stats', or 'clear [--symbol S]' (only Strata's keys)\n"
    "  import     Store a symbol's bars from a CSV file in PostgreSQL (idempotent)\n"
    "  check-config\n"
    "             Check a pipeline file: keys, parameters and formulas (file:line:column), then\n"
    "             that no step, formulas included, looks ahead (the truncation check)\n"
    "  check-plugin\n"
    "             Check a plugin library against the plugin contract (lookback, no look-ahead,\n"
    "             NaN/inf and short inputs, schema, threads): for plugin authors\n"
    "\n"
    "Run 'strata-cli <command> --help' for a command's options.\n"
    "\n"
    "Exit codes: 0 success; 1 the work failed; 2 wrong command line; 3 invalid input (config,\n"
    "data or plugin refused); 128 + N cancelled by signal N (130 Ctrl-C, 143 SIGTERM, 129\n"
    "SIGHUP).\n";

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("strata-cli"));
  QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
  QStringList args = QCoreApplication::arguments();
  using namespace strata::cli;
  if (args.size() < 2 || args[1] == u"--help" || args[1] == u"-h" || args[1] == u"help") {
    out() << kUsageText;
    out().flush();
    return args.size() < 2 ? kUsage : kOk;
  }
  if (args[1] == u"--version") {
    out() << "strata-cli " << STRATA_VERSION << '\n';
    return kOk;
  }
  const QString command = args[1];
  args.removeAt(1);
  if (command == u"plugins") return runPlugins(args);
  if (command == u"generate") return runGenerate(args);
  if (command == u"synth") return runSynth(args);
  if (command == u"cache") return runCache(args);
  if (command == u"import") return runImport(args);
  if (command == u"inspect") return runInspect(args);
  if (command == u"symbols") return runSymbols(args);
  if (command == u"check-plugin") return runCheckPlugin(args);
  if (command == u"check-config") return runCheckConfig(args);
  err() << "strata-cli: unknown command '" << command << "'\n\n" << kUsageText;
  return kUsage;
}
