#pragma once
// Writes a FeatureSet to a file a model-training job reads: CSV or Parquet (written from scratch,
// see docs/export.md). One entry point, writeFeatureFile(), chooses the writer; both stream in
// bounded chunks, write to a temporary file in the destination directory and rename it into
// place, so a failed or cancelled export leaves nothing partial and never destroys an existing
// file.
#include "strata/visibility.h"
#include "strata/pipeline.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace strata {

class STRATA_ENGINE_EXPORT ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown when ExportOptions::cancel was set; the destination is untouched.
class STRATA_ENGINE_EXPORT ExportCancelled : public ExportError {
 public:
  ExportCancelled() : ExportError("export cancelled; nothing written") {}
};

enum class ExportFormat { Csv, Parquet };
enum class ParquetCompression { None, Snappy, Zstd };

/// "x.csv" -> Csv, "x.parquet"/"x.pq" -> Parquet (case-insensitive), else nullopt.
STRATA_ENGINE_EXPORT std::optional<ExportFormat> exportFormatFromPath(const QString& path);
STRATA_ENGINE_EXPORT std::optional<ExportFormat> parseExportFormat(const QString& name);            // "csv", "parquet"
STRATA_ENGINE_EXPORT std::optional<ParquetCompression> parseParquetCompression(const QString& name);  // zstd snappy none
STRATA_ENGINE_EXPORT QString compressionName(ParquetCompression compression);

/// How a matrix was made: stored as Parquet key-value metadata (keys "strata.*", see
/// docs/export.md), so that `strata-cli generate --config-from FILE` can make it again.
struct STRATA_ENGINE_EXPORT ExportProvenance {
  QString pipelineYaml;                             // PipelineConfig::toYaml()
  std::vector<std::pair<QString, QString>> plugins;  // id, version, in pipeline order
  QString dataFingerprint;                          // BarsFingerprint::toString()
  QString dataSource;                               // file or source the bars came from
  QString symbol;
  QStringList timeframes;
  bool normalized = true;  // false: raw values (generate --raw)
};

struct STRATA_ENGINE_EXPORT ExportOptions {
  ExportFormat format = ExportFormat::Parquet;
  QStringList columns;        // glob patterns over the feature columns; empty: all
  bool includeTarget = true;  // when the set has a target
  bool float32 = false;       // features as float (CSV: shortest float text)
  // CSV
  char csvDelimiter = ',';
  QString csvNanText;  // empty field by default (pandas reads it as NaN)
  // Parquet
  ParquetCompression compression = ParquetCompression::Zstd;
  int zstdLevel = 3;
  qint64 rowGroupRows = 131072;
  std::optional<ExportProvenance> provenance;
  // Both
  int threads = 0;  // encoding threads; 0: QThreadPool's ideal count
  const std::atomic_bool* cancel = nullptr;
  std::function<void(qint64 done, qint64 total)> progress;  // cells written; caller's thread
};

/// Writes `features` to `path` in options.format. Throws ExportError with a message naming the
/// path and the problem (any of exportProblems(), disk full, an I/O error), or ExportCancelled.
STRATA_ENGINE_EXPORT void writeFeatureFile(const FeatureSet& features, const QString& path, const ExportOptions& options);

/// Everything writeFeatureFile() would refuse before writing a byte, each naming `path`: the
/// destination (exportTarget), the CSV delimiter and NaN text, the row group size, each column
/// pattern that matches no column of `features`. Empty when the export can start. Callers writing
/// several files check them all first, so that one bad file refuses the lot.
STRATA_ENGINE_EXPORT QStringList exportProblems(const FeatureSet& features, const QString& path,
                                                const ExportOptions& options);

/// The regular file an export to `path` replaces: `path` itself (new or existing), or the final
/// target of a symbolic link (replaced; the link stays a link). Throws ExportError naming `path`
/// when it is empty, is or points to a directory, FIFO, device or socket, or its directory is
/// missing or not writable.
STRATA_ENGINE_EXPORT QString exportTarget(const QString& path);

/// Why a CSV with this delimiter and NaN text could not be read back as numbers (a delimiter
/// found inside numbers or timestamps, a NaN text that reads as a number, holds the delimiter, a
/// quote or a line break); empty when it can.
STRATA_ENGINE_EXPORT QString csvOptionsProblem(char delimiter, const QString& nanText);

/// The provenance of a pipeline run over `bars` (plugin ids and versions from the pipeline).
STRATA_ENGINE_EXPORT ExportProvenance makeProvenance(const Pipeline& pipeline, const Bars& bars, const QString& symbol,
                                const QStringList& timeframes, bool normalized,
                                const QString& dataSource = {});

}  // namespace strata
