// strata-cli generate: bars -> pipeline -> feature CSV, on the bundled data or any CSV file.
#include "cache_cli.h"
#include "cli_common.h"
#include "generate_timeframes.h"
#include "strata/csv_bars.h"
#include "export_cli.h"
#include "strata/fingerprint.h"
#include "strata/timeframe.h"
#include "strata/pipeline.h"
#include "strata/resampler.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace strata::cli {
namespace {

std::atomic_bool gCancel{false};
extern "C" void onInterrupt(int) { gCancel.store(true); }

constexpr int kProblemsShown = 20;

}  // namespace

int runGenerate(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Compute the feature matrix of one symbol at one timeframe and write it as CSV:\n"
      "timestamp, every feature column (normalised unless --raw), target.\n"
      "With --timeframes (and/or --lookback-days, --aligned) the timeframes are computed in\n"
      "parallel from the data source of --settings (csv or postgres) or --data-dir: one file\n"
      "per timeframe, PATH with _<timeframe> before the extension, and with --aligned the\n"
      "aligned matrix (rows of the smallest timeframe, each higher one from its latest CLOSED\n"
      "bar, columns prefixed '1h__') in PATH itself. A progress line per timeframe on a\n"
      "terminal. Exit codes: 0 ok; 1 a timeframe failed (the others are written); 2 usage;\n"
      "3 invalid config, settings or data; 130 cancelled (Ctrl-C), nothing written."));
  addPluginOption(parser);
  parser.addOptions({
      {QStringLiteral("config"), QStringLiteral("Pipeline YAML (default: the spec's pipeline)."),
       QStringLiteral("FILE")},
      {QStringLiteral("symbol"), QStringLiteral("Symbol to load from the data directory (default AAPL)."),
       QStringLiteral("S"), QStringLiteral("AAPL")},
      {QStringLiteral("data-dir"),
       QStringLiteral("Directory of <SYMBOL>.csv files (default: the bundled data)."),
       QStringLiteral("DIR")},
      {QStringLiteral("data"), QStringLiteral("Read bars from this CSV file instead."),
       QStringLiteral("FILE")},
      {QStringLiteral("timeframe"),
       QStringLiteral("Bar size to compute on (1m 5m 15m 30m 1h 4h 1d 1w); finer data is "
                      "resampled. Default: the data's own."),
       QStringLiteral("TF")},
      {QStringLiteral("out"), QStringLiteral("Output path, .csv or .parquet (required)."),
       QStringLiteral("PATH")},
      {QStringLiteral("raw"), QStringLiteral("Skip normalisation: write the raw feature values.")},
      {QStringLiteral("report"), QStringLiteral("Print the validation report (inf, NaN, constant columns).")},
      {QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."),
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
  addCacheOptions(parser, true, true);
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
  const std::optional<ExportOptions> exportOptions =
      exportOptionsFrom(parser, parser.value(QStringLiteral("out")));
  if (!exportOptions) return kUsage;
  bool threadsOk = false;
  const int threads = parser.value(QStringLiteral("threads")).toInt(&threadsOk);
  if (!threadsOk || threads < 0) {
    err() << "strata-cli generate: --threads takes a whole number >= 0\n";
    return kUsage;
  }

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

  if (parser.isSet(QStringLiteral("timeframes")) || parser.isSet(QStringLiteral("lookback-days")) ||
      parser.isSet(QStringLiteral("aligned"))) {
    std::signal(SIGINT, onInterrupt);
    GenerateTimeframesJob job;
    job.pipeline = &*pipeline;
    job.symbol = symbol;
    job.raw = raw;
    job.cache = *cacheSettings;
    job.exportOptions = *exportOptions;
    job.threads = threads;
    job.cancel = &gCancel;
    return generateTimeframes(parser, job);
  }

  const QString dataFile =
      parser.isSet(QStringLiteral("data"))
          ? parser.value(QStringLiteral("data"))
          : QDir(dataDirectory(parser.value(QStringLiteral("data-dir"))))
                .filePath(symbol + QStringLiteral(".csv"));
  if (!QFileInfo::exists(dataFile)) {
    err() << "error: no data for symbol: " << dataFile << " does not exist\n";
    return kInvalidInput;
  }
  CsvReadResult read = readBarsCsv(dataFile);
  for (int i = 0; i < std::min<qsizetype>(read.problems.size(), kProblemsShown); ++i)
    err() << "warning: " << read.problems[i] << '\n';
  if (read.problems.size() > kProblemsShown)
    err() << "warning: ... and " << read.problems.size() - kProblemsShown << " more problems in "
          << dataFile << '\n';
  if (!read.bars || read.bars->size() == 0) {
    err() << "error: " << dataFile << ": no usable bars\n";
    return kInvalidInput;
  }
  Bars bars = std::move(*read.bars);
  std::optional<Timeframe> timeframe = detectTimeframe(bars);

  if (!timeframeName.isEmpty()) {
    const auto wanted = Timeframe::parse(timeframeName);
    if (!wanted) {
      err() << "strata-cli generate: unknown timeframe '" << timeframeName
            << "' (use 1m 5m 15m 30m 1h 4h 1d 1w)\n";
      return kUsage;
    }
    const auto native = detectTimeframe(bars);
    if (native && wanted->seconds() < native->seconds()) {
      err() << "error: " << dataFile << " holds " << native->name() << " bars; cannot make "
            << wanted->name() << " bars from them\n";
      return kInvalidInput;
    }
    if (!native || wanted->seconds() != native->seconds()) bars = resample(bars, *wanted);
    timeframe = wanted;
  }

  if (recorded) warnOnDifferentBars(*recorded, bars);
  const bool interactive = isatty(STDERR_FILENO);
  std::signal(SIGINT, onInterrupt);
  RunOptions options;
  options.threads = threads;
  options.cancel = &gCancel;
  std::atomic_int lastPercent{-1};
  if (interactive)
    options.progress = [&lastPercent](int done, int total) {
      const int percent = total ? done * 100 / total : 100;
      if (lastPercent.exchange(percent) != percent)
        std::fprintf(stderr, "\rcomputing features: %3d%%", percent);
    };
  QElapsedTimer timer;
  timer.start();
  // The cache key: symbol (or file name), timeframe, raw or not, pipeline, and the bars' fingerprint.
  FeatureRequest request;
  request.symbol = parser.isSet(QStringLiteral("data")) ? QFileInfo(dataFile).completeBaseName() : symbol;
  if (timeframe) request.timeframe = *timeframe;
  request.normalize = !raw;
  request.pipeline = &*pipeline;
  request.input = fingerprint(bars);
  auto compute = [&] {
    return request.normalize ? pipeline->run(bars, options) : pipeline->computeRaw(bars, options);
  };
  SharedFeatureSet computed;
  try {
    if (timeframe) {
      computed = computeThroughCache(parser, *cacheSettings, request, compute);
    } else {
      err() << "cache: not used (the bars have no regular timeframe)\n";
      computed = std::make_shared<const FeatureSet>(compute());
    }
  } catch (const PipelineCancelled&) {
    err() << "\ncancelled; nothing written\n";
    return kCancelled;
  } catch (const PipelineError& e) {
    if (interactive) err() << '\n';
    err() << "error: " << e.what() << '\n';
    return kFailure;
  }
  const FeatureSet& features = *computed;
  const qint64 computeMs = timer.elapsed();
  if (interactive) err() << "\r";

  const ExportProvenance provenance = makeProvenance(*pipeline, bars, request.symbol,
                                                     timeframe ? QStringList{timeframe->name()} : QStringList{},
                                                     request.normalize, dataFile);
  if (const int written = exportFeatures(features, parser.value(QStringLiteral("out")), *exportOptions,
                                         provenance, &gCancel);
      written != kOk)
    return written;
  err() << "wrote " << parser.value(QStringLiteral("out")) << ": " << features.matrix.rows()
        << " rows x " << features.matrix.cols() << " features + target (computed in " << computeMs
        << " ms)\n";
  const QStringList inf = features.report.infColumns();
  const QStringList constant = features.report.constantColumns();
  if (parser.isSet(QStringLiteral("report")))
    err() << features.report.toText();
  else if (!inf.isEmpty() || !constant.isEmpty())
    err() << inf.size() << " columns held +-inf, " << constant.size()
          << " columns are constant; --report lists them\n";
  err().flush();
  return kOk;
}

}  // namespace strata::cli
