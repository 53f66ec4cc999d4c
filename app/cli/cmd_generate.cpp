// strata-cli generate: its options, read into one GenerateJob for the one driver (generate_run).
#include "cache_cli.h"
#include "cancel_signals.h"
#include "cli_common.h"
#include "data_source_cli.h"
#include "export_cli.h"
#include "generate_run.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <algorithm>

namespace strata::cli {
namespace {

const char* const kTimeframeNames = "(use 1m 5m 15m 30m 1h 4h 1d 1w)";
// Far above any machine's cores; 100,000 made thread creation fail and the run hang.
constexpr int kMaxThreads = 256;

// --timeframes LIST, else --timeframe (or the recorded one) as a list of one; empty: the data's
// own timeframe. nullopt after a usage error.
std::optional<std::vector<Timeframe>> timeframesFrom(const QCommandLineParser& parser,
                                                     const QString& single) {
  const bool listed = parser.isSet(QStringLiteral("timeframes"));
  if (listed && parser.isSet(QStringLiteral("timeframe"))) {
    err() << "strata-cli generate: give --timeframe or --timeframes, not both\n";
    return std::nullopt;
  }
  const QStringList names =
      listed
          ? parser.value(QStringLiteral("timeframes")).split(QLatin1Char(','), Qt::SkipEmptyParts)
      : single.isEmpty() ? QStringList()
                         : QStringList{single};
  std::vector<Timeframe> timeframes;
  for (const QString& name : names) {
    const auto tf = Timeframe::parse(name);
    if (!tf) {
      err() << "strata-cli generate: unknown timeframe '" << name
            << (listed ? "' in --timeframes " : "' ") << kTimeframeNames << '\n';
      return std::nullopt;
    }
    if (std::find(timeframes.begin(), timeframes.end(), *tf) != timeframes.end()) {
      err() << "strata-cli generate: timeframe " << tf->name() << " is given twice\n";
      return std::nullopt;
    }
    timeframes.push_back(*tf);
  }
  if (listed && timeframes.empty()) {
    err() << "strata-cli generate: --timeframes needs at least one timeframe\n";
    return std::nullopt;
  }
  return timeframes;
}

}  // namespace

int runGenerate(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Compute the feature matrix of one symbol and write it as CSV or Parquet: timestamp,\n"
      "every feature column (normalised unless --raw), target. The bars come from the data\n"
      "source: --data FILE, --data-dir DIR, or the data: section of --settings (csv or\n"
      "postgres; default the bundled CSV data), validated under its bad_rows policy.\n"
      "One timeframe (--timeframe, default the data's own) is written to PATH. Several\n"
      "(--timeframes, computed in parallel) or --aligned: one file per timeframe, PATH with\n"
      "_<timeframe> before the extension, and with --aligned the aligned matrix (rows of the\n"
      "smallest timeframe, each higher one from its latest CLOSED bar, columns prefixed\n"
      "'1h__') in PATH itself. A progress line per timeframe on a terminal. Exit codes: 0 ok;\n"
      "1 a timeframe failed (the others are written); 2 usage (also an --out that is not a\n"
      "regular file, a --columns pattern matching no column of some file: checked before any\n"
      "file is written); 3 invalid config, settings or data; 128 + N cancelled by signal N\n"
      "(130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), temporaries removed, the files written so far\n"
      "named."));
  addPluginOption(parser);
  addDataSourceOptions(parser);
  parser.addOptions({
      {QStringLiteral("config"), QStringLiteral("Pipeline YAML (default: the spec's pipeline)."),
       QStringLiteral("FILE")},
      {QStringLiteral("symbol"),
       QStringLiteral("Symbol to load from the data source (default AAPL)."), QStringLiteral("S"),
       QStringLiteral("AAPL")},
      {QStringLiteral("data"),
       QStringLiteral("Read bars from this CSV file instead (the symbol: its base name)."),
       QStringLiteral("FILE")},
      {QStringLiteral("timeframe"),
       QStringLiteral("Bar size to compute on (1m 5m 15m 30m 1h 4h 1d 1w); finer data is "
                      "resampled. Default: the data's own."),
       QStringLiteral("TF")},
      {QStringLiteral("out"), QStringLiteral("Output path, .csv or .parquet (required)."),
       QStringLiteral("PATH")},
      {QStringLiteral("raw"), QStringLiteral("Skip normalisation: write the raw feature values.")},
      {QStringLiteral("report"),
       QStringLiteral("Print the validation report (inf, NaN, constant columns).")},
      {QStringLiteral("threads"),
       QStringLiteral("Worker threads, up to %1 (default 0: all cores).").arg(kMaxThreads),
       QStringLiteral("N"), QStringLiteral("0")},
      {QStringLiteral("timeframes"),
       QStringLiteral("Comma-separated timeframes, e.g. 1m,5m,15m,1h,1d, computed in parallel."),
       QStringLiteral("LIST")},
      {QStringLiteral("lookback-days"),
       QStringLiteral("Only the last N days before the symbol's last bar (default 0: every bar)."),
       QStringLiteral("N")},
      {QStringLiteral("aligned"),
       QStringLiteral("Also write the aligned multi-timeframe matrix to PATH.")},
  });
  addCacheOptions(parser, false, true);
  addExportOptions(parser);
  addConfigFromOption(parser);
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  const std::optional<CacheSettings> cacheSettings = cacheSettingsFrom(parser, &code);
  if (!cacheSettings) return code;
  if (!parser.isSet(QStringLiteral("out"))) {
    err() << "strata-cli generate: --out PATH is required\n";
    return kUsage;
  }
  if (parser.value(QStringLiteral("out")).isEmpty()) {
    err() << "strata-cli generate: --out is empty; give the path of the file to write\n";
    return kUsage;
  }
  const std::optional<ExportOptions> exportOptions =
      exportOptionsFrom(parser, parser.value(QStringLiteral("out")));
  if (!exportOptions) return kUsage;
  int threads = 0;
  if (!numberOption(parser, QStringLiteral("threads"), 0, kMaxThreads, &threads, &code)) return code;

  PluginRegistry registry;
  loadPlugins(parser, registry, true);

  std::vector<Diagnostic> diagnostics;
  std::optional<RecordedExport> recorded;
  if (parser.isSet(QStringLiteral("config-from")) &&
      !(recorded = readRecordedExport(parser.value(QStringLiteral("config-from")), &diagnostics))) {
    for (const Diagnostic& d : diagnostics) err() << "error: " << d.toString() << '\n';
    return kInvalidInput;
  }
  std::optional<PipelineConfig> config =
      recorded ? std::optional<PipelineConfig>(recorded->config)
      : parser.isSet(QStringLiteral("config"))
          ? PipelineConfig::fromFile(parser.value(QStringLiteral("config")), &diagnostics)
          : std::optional<PipelineConfig>(PipelineConfig::defaults());
  const bool raw = parser.isSet(QStringLiteral("raw")) || (recorded && recorded->raw);
  const QString symbol = recorded && !parser.isSet(QStringLiteral("symbol")) && !recorded->symbol.isEmpty()
                             ? recorded->symbol
                             : parser.value(QStringLiteral("symbol"));
  if (const QString problem = symbolProblem(symbol); !problem.isEmpty()) {
    err() << "strata-cli generate: --symbol: " << problem << '\n';
    return kUsage;
  }
  const QString timeframeName =
      recorded && !parser.isSet(QStringLiteral("timeframe")) ? recorded->timeframe
                                                             : parser.value(QStringLiteral("timeframe"));
  // --float32 is one choice for the whole run: the pipeline computes a float32 matrix (half the
  // memory) and the export writes it as such (and rounds a --raw matrix, which stays float64).
  if (config && parser.isSet(QStringLiteral("float32"))) config->precision = Precision::Float32;
  std::optional<Pipeline> pipeline;
  if (config) pipeline = Pipeline::build(*config, registry, &diagnostics);
  if (!pipeline) {
    for (const Diagnostic& d : diagnostics) err() << "error: " << d.toString() << '\n';
    return kInvalidInput;
  }

  const std::optional<std::vector<Timeframe>> timeframes = timeframesFrom(parser, timeframeName);
  if (!timeframes) return kUsage;
  bool lookbackOk = true;
  const int lookbackDays = parser.isSet(QStringLiteral("lookback-days"))
                               ? parser.value(QStringLiteral("lookback-days")).toInt(&lookbackOk)
                               : 0;
  if (!lookbackOk || lookbackDays < 0) {
    err() << "strata-cli generate: --lookback-days takes a whole number >= 0\n";
    return kUsage;
  }
  GenerateJob job;
  job.source = dataSourceFrom(parser, &code);
  if (!job.source) return code;
  job.pipeline = &*pipeline;
  job.symbol = parser.isSet(QStringLiteral("data")) ? job.source->listSymbols().value(0) : symbol;
  job.timeframes = *timeframes;
  job.lookbackDays = lookbackDays;
  job.aligned = parser.isSet(QStringLiteral("aligned"));
  job.raw = raw;
  job.report = parser.isSet(QStringLiteral("report"));
  if (!parser.isSet(QStringLiteral("no-cache")) && cacheSettings->enabled)
    job.cache = *cacheSettings;
  job.out = parser.value(QStringLiteral("out"));
  job.exportOptions = *exportOptions;
  job.threads = threads;
  job.cancel = installCancelSignals();
  job.recorded = recorded ? &*recorded : nullptr;
  return generate(job);
}

}  // namespace strata::cli
