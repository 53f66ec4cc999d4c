#include "export_cli.h"

#include "cancel_signals.h"
#include "cli_common.h"
#include "strata/parquet_footer.h"

namespace strata::cli {

void addExportOptions(QCommandLineParser& parser) {
  parser.addOptions({
      {QStringLiteral("format"),
       QStringLiteral("csv or parquet (default: from the --out name, .csv or .parquet)."),
       QStringLiteral("F")},
      {QStringLiteral("compression"), QStringLiteral("Parquet codec: zstd (default), snappy or none."),
       QStringLiteral("C"), QStringLiteral("zstd")},
      {QStringLiteral("float32"),
       QStringLiteral("Compute and write the features as 32-bit floats (the pipeline's precision: "
                      "float32, half the memory; a --raw matrix is rounded when written).")},
      {QStringLiteral("columns"),
       QStringLiteral("Only the feature columns matching these comma-separated glob patterns "
                      "(timestamp and target are always written)."),
       QStringLiteral("GLOB,...")},
      {QStringLiteral("row-group-rows"), QStringLiteral("Parquet rows per row group (default 131072)."),
       QStringLiteral("N"), QStringLiteral("131072")},
      {QStringLiteral("csv-delimiter"), QStringLiteral("CSV field separator (default ,)."),
       QStringLiteral("C"), QStringLiteral(",")},
      {QStringLiteral("csv-nan"), QStringLiteral("CSV text for NaN (default: empty)."),
       QStringLiteral("TEXT"), QString()},
  });
}

std::optional<ExportOptions> exportOptionsFrom(const QCommandLineParser& parser, const QString& outPath) {
  ExportOptions options;
  const auto usage = [](const QString& message) {
    err() << "strata-cli generate: " << message << '\n';
    err().flush();
    return std::nullopt;
  };
  const std::optional<ExportFormat> format =
      parser.isSet(QStringLiteral("format")) ? parseExportFormat(parser.value(QStringLiteral("format")))
                                             : exportFormatFromPath(outPath);
  if (!format)
    return parser.isSet(QStringLiteral("format"))
               ? usage(QStringLiteral("--format takes csv or parquet"))
               : usage(QStringLiteral("cannot tell the format from '%1': name it .csv or .parquet, or "
                                      "give --format")
                           .arg(outPath));
  options.format = *format;
  const auto compression = parseParquetCompression(parser.value(QStringLiteral("compression")));
  if (!compression) return usage(QStringLiteral("--compression takes zstd, snappy or none"));
  options.compression = *compression;
  options.float32 = parser.isSet(QStringLiteral("float32"));
  if (parser.isSet(QStringLiteral("columns")))
    options.columns = parser.value(QStringLiteral("columns")).split(QLatin1Char(','), Qt::SkipEmptyParts);
  bool ok = false;
  options.rowGroupRows = parser.value(QStringLiteral("row-group-rows")).toLongLong(&ok);
  if (!ok || options.rowGroupRows < 1) return usage(QStringLiteral("--row-group-rows takes a number >= 1"));
  const QString delimiter = parser.value(QStringLiteral("csv-delimiter"));
  const QString delimiterText = delimiter == u"\\t" ? QStringLiteral("\t") : delimiter;
  if (delimiterText.size() != 1 || delimiterText[0].unicode() > 127)
    return usage(QStringLiteral("--csv-delimiter takes one ASCII character (or \\t)"));
  options.csvDelimiter = static_cast<char>(delimiterText[0].unicode());
  options.csvNanText = parser.value(QStringLiteral("csv-nan"));
  if (options.format == ExportFormat::Csv)
    if (const QString problem = csvOptionsProblem(options.csvDelimiter, options.csvNanText);
        !problem.isEmpty())
      return usage(problem);
  return options;
}

void addConfigFromOption(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("config-from"),
                    QStringLiteral("Re-create the matrix of a Parquet file Strata exported: its pipeline, "
                                   "raw or normalised, and (unless given) its symbol and timeframe."),
                    QStringLiteral("FILE")});
}

std::optional<RecordedExport> readRecordedExport(const QString& path, std::vector<Diagnostic>* diagnostics) {
  ParquetFileInfo info;
  try {
    info = readParquetFooter(path);
  } catch (const ExportError& e) {
    err() << "error: " << e.what() << '\n';
    return std::nullopt;
  }
  const std::optional<QString> yaml = info.value(QStringLiteral("strata.pipeline.yaml"));
  if (!yaml) {
    err() << "error: " << path << ": no strata.pipeline.yaml metadata (not exported by Strata?)\n";
    return std::nullopt;
  }
  std::optional<PipelineConfig> config =
      PipelineConfig::fromYaml(*yaml, path + QStringLiteral(" [strata.pipeline.yaml]"), diagnostics);
  if (!config) return std::nullopt;
  RecordedExport recorded{std::move(*config), info.value(QStringLiteral("strata.matrix")) == u"raw",
                          info.value(QStringLiteral("strata.symbol")).value_or(QString()),
                          info.value(QStringLiteral("strata.timeframes")).value_or(QString()).section(QLatin1Char(','), 0, 0),
                          info.value(QStringLiteral("strata.data.fingerprint")).value_or(QString())};
  return recorded;
}

void warnOnDifferentBars(const RecordedExport& recorded, const BarsFingerprint& bars) {
  const QString now = bars.toString();
  if (!recorded.fingerprint.isEmpty() && now != recorded.fingerprint)
    err() << "warning: these bars differ from those the file was made from (" << now << " vs "
          << recorded.fingerprint << "); the matrix will differ\n";
}

int exportFeatures(const FeatureSet& features, const QString& outPath, ExportOptions options,
                   const ExportProvenance& provenance, const std::atomic_bool* cancel) {
  options.provenance = provenance;
  options.cancel = cancel;
  try {
    writeFeatureFile(features, outPath, options);
  } catch (const ExportCancelled&) {
    return cancelledExitCode();
  } catch (const ExportError& e) {
    err() << "error: " << e.what() << '\n';
    return kFailure;
  }
  return kOk;
}

}  // namespace strata::cli
