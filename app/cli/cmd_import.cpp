// strata-cli import: one symbol's bars from a CSV file into PostgreSQL, idempotently.
#include "cli_common.h"
#include "strata/app_settings.h"
#include "strata/csv_bars.h"
#include "strata/postgres_source.h"
#include "strata/resampler.h"

namespace strata::cli {

int runImport(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Store the bars of FILE.csv under SYMBOL in PostgreSQL (table bars, created when missing).\n"
      "The file is read and checked first; any bad row (reported as file:line: reason) refuses\n"
      "the whole import. Rows go through COPY into a temporary table and then\n"
      "INSERT ... ON CONFLICT (symbol, ts) DO UPDATE in one transaction: importing the same file\n"
      "again loses and duplicates nothing. One series per symbol: bars at another size than the\n"
      "stored ones, or off their grid, are refused (checked under a per-symbol lock, so\n"
      "concurrent imports take turns). The connection: --dsn, else data.postgres_dsn of\n"
      "--settings (also data.statement_timeout_s, data.query_timeout_s), plus the PG* variables\n"
      "and ~/.pgpass (never a password in the DSN). Exit codes: 0 imported; 1 the server failed,\n"
      "could not be reached or stopped answering; 2 usage; 3 the file, its bars or the DSN\n"
      "were refused."));
  parser.addOptions({
      {QStringLiteral("dsn"), QStringLiteral("libpq connection string or URI, e.g. "
                                             "\"host=127.0.0.1 dbname=strata\"."),
       QStringLiteral("DSN")},
      {QStringLiteral("settings"), QStringLiteral("Workbench settings YAML (data.postgres_dsn, "
                                                  "data.connect_timeout_s)."),
       QStringLiteral("FILE")},
      {QStringLiteral("connect-timeout"), QStringLiteral("Seconds to wait for the server "
                                                         "(default: the settings', else 5)."),
       QStringLiteral("S")},
      {QStringLiteral("symbol"), QStringLiteral("Symbol to store the bars under (required)."),
       QStringLiteral("S")},
      {QStringLiteral("timeframe"), QStringLiteral("The file's bar size (1m 5m ... 1d); refused "
                                                   "when the file's bars are not at it. Default: "
                                                   "detected."),
       QStringLiteral("TF")},
  });
  parser.addPositionalArgument(QStringLiteral("FILE.csv"), QStringLiteral("Bars to import."));
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  const QString symbol = parser.value(QStringLiteral("symbol"));
  if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("symbol")) ||
      symbol.trimmed().isEmpty()) {
    err() << "strata-cli import: needs --symbol SYMBOL (not empty) and exactly one FILE.csv\n";
    return kUsage;
  }
  if (const QString problem = symbolProblem(symbol); !problem.isEmpty()) {
    err() << "strata-cli import: --symbol: " << problem << "; nothing imported\n";
    return kUsage;
  }
  std::optional<Timeframe> declared;
  if (parser.isSet(QStringLiteral("timeframe"))) {
    declared = Timeframe::parse(parser.value(QStringLiteral("timeframe")));
    if (!declared) {
      err() << "strata-cli import: --timeframe '" << parser.value(QStringLiteral("timeframe"))
            << "' is not a bar size such as 1m, 1h or 1d\n";
      return kUsage;
    }
  }

  DataSettings settings;
  if (parser.isSet(QStringLiteral("settings"))) {
    std::vector<Diagnostic> problems;
    const auto loaded = AppSettings::fromFile(parser.value(QStringLiteral("settings")), &problems);
    if (!loaded) {
      for (const Diagnostic& d : problems) err() << d.toString() << '\n';
      return kInvalidInput;
    }
    settings = loaded->data;
  }
  if (parser.isSet(QStringLiteral("dsn"))) settings.postgresDsn = parser.value(QStringLiteral("dsn"));
  if (parser.isSet(QStringLiteral("connect-timeout"))) {
    bool ok = false;
    settings.connectTimeoutSeconds = parser.value(QStringLiteral("connect-timeout")).toInt(&ok);
    if (!ok || settings.connectTimeoutSeconds < 1) {
      err() << "strata-cli import: --connect-timeout needs a whole number of seconds >= 1\n";
      return kUsage;
    }
  }

  const QString path = parser.positionalArguments().constFirst();
  const CsvReadResult read = readBarsCsv(path);
  for (const QString& problem : read.problems) err() << problem << '\n';
  if (!read.bars || !read.problems.isEmpty()) {
    err() << "strata-cli import: " << path << ": " << read.problems.size()
          << " problem(s); nothing imported\n";
    return kInvalidInput;
  }
  const Bars& bars = *read.bars;
  const std::optional<Timeframe> detected = detectTimeframe(bars);
  if (declared && detected && *detected != *declared) {
    err() << "strata-cli import: " << path << ": the bars are " << detected->name()
          << " apart, not " << declared->name() << "; nothing imported\n";
    return kInvalidInput;
  }

  std::optional<PostgresDataSource> connection;
  try {
    connection.emplace(settings);
  } catch (const DataError& e) {  // a DSN libpq cannot parse, or one holding a password
    err() << "strata-cli import: " << e.what() << '\n';
    return kInvalidInput;
  }
  const PostgresDataSource& source = *connection;
  try {
    // The stored series is checked against these bars in the import's own transaction.
    const BarsImportResult result = source.importBars(symbol, bars, declared ? declared : detected);
    out() << "imported " << bars.size() << " bars of '" << symbol << "' into " << source.describe()
          << ": " << result.inserted << " inserted, " << result.updated << " updated, "
          << result.unchanged << " unchanged\n";
  } catch (const SourceFailure& e) {
    err() << "error: " << e.what() << '\n';
    return kFailure;
  } catch (const DataError& e) {  // the bars do not fit the stored series, or a value was refused
    err() << "strata-cli import: " << path << ": " << e.what() << '\n';
    return kInvalidInput;
  }
  return kOk;
}

}  // namespace strata::cli
