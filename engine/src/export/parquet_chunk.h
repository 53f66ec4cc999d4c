#pragma once
// One column chunk of a row group, encoded: data pages v1 (PLAIN values, RLE definition levels
// for nullable columns), each compressed, with the chunk's statistics. Runs on worker threads.
#include "export_columns.h"

#include <string>

namespace strata::parquet {

struct EncodedChunk {
  std::string bytes;                 // page headers + compressed pages
  std::int64_t uncompressedSize = 0;  // page headers + uncompressed pages
  std::int64_t numValues = 0;        // rows, nulls included
  std::int64_t nullCount = 0;
  bool hasMinMax = false;            // false when every value is null or NaN
  std::string min, max;              // PLAIN encoding of the physical type
  std::string error;                 // compression failure
};

std::int32_t physicalType(ColumnKind kind);
std::int32_t codecNumber(ParquetCompression compression);

/// Encodes rows [begin, end) of `column` (timestamps from `timestamps` for the timestamp).
EncodedChunk encodeChunk(const ExportColumn& column, std::span<const Timestamp> timestamps,
                         qint64 begin, qint64 end, ParquetCompression compression, int zstdLevel);

}  // namespace strata::parquet
