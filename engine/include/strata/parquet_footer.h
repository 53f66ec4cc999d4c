#pragma once
// Reads the footer of a Parquet file (any writer's): schema, row groups with their column
// statistics, key-value metadata. Behind `strata-cli inspect` and `generate --config-from`.
#include "strata/visibility.h"
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace strata {

struct STRATA_ENGINE_EXPORT ParquetColumnInfo {
  QString name;
  QString physicalType;  // INT64, DOUBLE, ...
  QString logicalType;   // "TIMESTAMP(MICROS,UTC)", "INT(8,signed)", or empty
  bool optional = false;
};

struct STRATA_ENGINE_EXPORT ParquetChunkInfo {
  QString codec;
  qint64 values = 0, compressedBytes = 0, uncompressedBytes = 0;
  std::optional<qint64> nullCount;
  QString min, max;  // formatted for the column's type; empty when absent
};

struct STRATA_ENGINE_EXPORT ParquetRowGroupInfo {
  qint64 rows = 0;
  qint64 compressedBytes = 0;
  std::vector<ParquetChunkInfo> chunks;  // one per column
};

struct STRATA_ENGINE_EXPORT ParquetFileInfo {
  qint64 rows = 0;
  qint64 fileBytes = 0;
  QString createdBy;
  std::vector<ParquetColumnInfo> columns;  // leaf columns
  std::vector<ParquetRowGroupInfo> rowGroups;
  std::vector<std::pair<QString, QString>> keyValues;
  /// The value of `key`, or nullopt.
  std::optional<QString> value(const QString& key) const;
};

/// Throws ExportError (strata/export.h) naming the path when the file cannot be read or is not
/// Parquet.
STRATA_ENGINE_EXPORT ParquetFileInfo readParquetFooter(const QString& path);

}  // namespace strata
