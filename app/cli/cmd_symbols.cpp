// strata-cli symbols: what the data source holds, one line per symbol.
#include "cli_common.h"
#include "data_source_cli.h"
#include "strata/time_format.h"

namespace strata::cli {

int runSymbols(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "List the symbols of the data source with their first and last bar (UTC), number of bars\n"
      "and stored (native) timeframe. Exit code 3 when the source's data cannot be read, 1 when\n"
      "its server cannot be reached or stops answering."));
  addDataSourceOptions(parser);
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  const std::shared_ptr<DataSource> source = dataSourceFrom(parser, &code);
  if (!source) return code;
  try {
    const QStringList symbols = source->listSymbols();
    out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                 .arg(QStringLiteral("symbol"), -12)
                 .arg(QStringLiteral("first"), -20)
                 .arg(QStringLiteral("last"), -20)
                 .arg(QStringLiteral("bars"), 10)
                 .arg(QStringLiteral("timeframe"));
    for (const QString& symbol : symbols) {
      const auto info = source->symbolInfo(symbol);
      if (!info) continue;
      out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(symbol, -12)
                   .arg(isoUtc(info->first), -20)
                   .arg(isoUtc(info->last), -20)
                   .arg(info->barCount, 10)
                   .arg(info->nativeTimeframe ? info->nativeTimeframe->name() : QStringLiteral("?"));
    }
    out().flush();
  } catch (const DataError& e) {
    out().flush();
    err() << "error: " << e.what() << '\n';
    return exitCodeFor(e);
  }
  return kOk;
}

}  // namespace strata::cli
