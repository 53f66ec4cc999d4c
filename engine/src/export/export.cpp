#include "strata/export.h"

#include "export_writers.h"
#include "strata/fingerprint.h"
#include "strata/plugin_registry.h"

#include <QFileInfo>

namespace strata {

std::optional<ExportFormat> exportFormatFromPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == u"csv") return ExportFormat::Csv;
  if (suffix == u"parquet" || suffix == u"pq") return ExportFormat::Parquet;
  return std::nullopt;
}

std::optional<ExportFormat> parseExportFormat(const QString& name) {
  if (name == u"csv") return ExportFormat::Csv;
  if (name == u"parquet") return ExportFormat::Parquet;
  return std::nullopt;
}

std::optional<ParquetCompression> parseParquetCompression(const QString& name) {
  if (name == u"zstd") return ParquetCompression::Zstd;
  if (name == u"snappy") return ParquetCompression::Snappy;
  if (name == u"none" || name == u"uncompressed") return ParquetCompression::None;
  return std::nullopt;
}

QString compressionName(ParquetCompression compression) {
  switch (compression) {
    case ParquetCompression::Zstd: return QStringLiteral("zstd");
    case ParquetCompression::Snappy: return QStringLiteral("snappy");
    case ParquetCompression::None: return QStringLiteral("none");
  }
  return {};
}

void writeFeatureFile(const FeatureSet& features, const QString& path, const ExportOptions& options) {
  if (options.cancel && options.cancel->load()) throw ExportCancelled();
  if (const QStringList problems = exportProblems(features, path, options); !problems.isEmpty())
    throw ExportError(problems.join(QStringLiteral("; ")).toStdString());
  if (options.format == ExportFormat::Csv)
    writeCsv(features, path, options);
  else
    writeParquet(features, path, options);
}

ExportProvenance makeProvenance(const Pipeline& pipeline, const Bars& bars, const QString& symbol,
                                const QStringList& timeframes, bool normalized,
                                const QString& dataSource) {
  ExportProvenance p;
  p.pipelineYaml = pipeline.config().toYaml();
  for (const ResolvedStep& step : pipeline.steps())
    if (step.plugin) p.plugins.emplace_back(step.plugin->info.id, step.plugin->info.version);
  p.dataFingerprint = fingerprint(bars).toString();
  p.dataSource = dataSource;
  p.symbol = symbol;
  p.timeframes = timeframes;
  p.normalized = normalized;
  return p;
}

}  // namespace strata
