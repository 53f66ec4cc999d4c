#pragma once
// The export options of `strata-cli generate` (--format, --compression, --float32, --columns,
// --row-group-rows, --csv-delimiter, --csv-nan), kept out of cmd_generate.cpp.
#include "strata/export.h"
#include "strata/fingerprint.h"

#include <QCommandLineParser>

#include <vector>

namespace strata::cli {

void addExportOptions(QCommandLineParser& parser);
/// Reads them for writing `outPath`; prints a usage error and returns nullopt when wrong.
std::optional<ExportOptions> exportOptionsFrom(const QCommandLineParser& parser, const QString& outPath);

/// What `generate --config-from FILE.parquet` takes from a file Strata exported: the pipeline,
/// whether it was normalised, and (as defaults) the symbol and timeframe.
struct RecordedExport {
  PipelineConfig config;
  bool raw = false;
  QString symbol, timeframe, fingerprint;
};
/// Adds --config-from.
void addConfigFromOption(QCommandLineParser& parser);
/// nullopt with `diagnostics` (or a message printed) when the file holds no usable pipeline.
std::optional<RecordedExport> readRecordedExport(const QString& path, std::vector<Diagnostic>* diagnostics);
/// Warns when the bars (their fingerprint) differ from those the recorded file was made from.
void warnOnDifferentBars(const RecordedExport& recorded, const BarsFingerprint& bars);

/// Writes `features` with the provenance of `pipeline` over `bars`; prints an error and returns
/// the exit code (kOk, kFailure, or cancelledExitCode() unprinted: the caller says what was
/// written). `cancel` is the command's interrupt flag.
int exportFeatures(const FeatureSet& features, const QString& outPath, ExportOptions options,
                   const ExportProvenance& provenance, const std::atomic_bool* cancel);

}  // namespace strata::cli
