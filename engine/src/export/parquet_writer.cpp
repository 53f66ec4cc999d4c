// Parquet file layout: "PAR1", row groups of column chunks (encoded in parallel, written in
// order), the Thrift FileMetaData footer with the schema, statistics and Strata's provenance
// key-values, its length, "PAR1".
#include "atomic_file.h"
#include "export_writers.h"
#include "ordered_chunks.h"
#include "parquet_chunk.h"
#include "parquet_format.h"
#include "thrift_compact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace strata {
namespace {

using namespace parquet;

struct ChunkRecord {
  std::int64_t offset = 0, compressedSize = 0;
  EncodedChunk encoded;  // bytes released after writing
};

void writeSchemaElement(thrift::CompactWriter& w, const ExportColumn& column) {
  w.beginElementStruct();
  w.i32(kSchemaType, physicalType(column.kind));
  w.i32(kSchemaRepetition, column.nullable ? kOptional : kRequired);
  w.binary(kSchemaName, column.name.toStdString());
  if (column.kind == ColumnKind::Time) {
    w.i32(kSchemaConverted, kTimestampMicros);  // for readers that predate logical types
    w.beginStruct(kSchemaLogical);
    w.beginStruct(kLogicalTimestamp);
    w.boolean(kTimestampUtc, true);
    w.beginStruct(kTimestampUnit);
    w.beginStruct(kUnitMicros);
    w.endStruct();
    w.endStruct();
    w.endStruct();
    w.endStruct();
  } else if (column.kind == ColumnKind::Int8) {
    w.i32(kSchemaConverted, kInt8Converted);
    w.beginStruct(kSchemaLogical);
    w.beginStruct(kLogicalInteger);
    w.byte(kIntBitWidth, 8);
    w.boolean(kIntSigned, true);
    w.endStruct();
    w.endStruct();
  }
  w.endStruct();
}

void writeColumnChunk(thrift::CompactWriter& w, const ExportColumn& column, const ChunkRecord& c,
                      ParquetCompression compression) {
  const EncodedChunk& e = c.encoded;
  w.beginElementStruct();
  w.i64(kChunkFileOffset, c.offset);
  w.beginStruct(kChunkMeta);
  w.i32(kMetaType, physicalType(column.kind));
  const bool levels = column.nullable;
  w.beginList(kMetaEncodings, thrift::kI32, levels ? 2 : 1);
  w.elementI32(kPlain);
  if (levels) w.elementI32(kRle);
  w.beginList(kMetaPath, thrift::kBinary, 1);
  w.elementBinary(column.name.toStdString());
  w.i32(kMetaCodec, codecNumber(compression));
  w.i64(kMetaNumValues, e.numValues);
  w.i64(kMetaUncompressed, e.uncompressedSize);
  w.i64(kMetaCompressed, c.compressedSize);
  w.i64(kMetaDataPageOffset, c.offset);
  w.beginStruct(kMetaStatistics);
  if (e.hasMinMax) {  // legacy fields too: for signed numbers their order is the same
    w.binary(kStatsMaxLegacy, e.max);
    w.binary(kStatsMinLegacy, e.min);
  }
  w.i64(kStatsNullCount, e.nullCount);
  if (e.hasMinMax) {
    w.binary(kStatsMaxValue, e.max);
    w.binary(kStatsMinValue, e.min);
  }
  w.endStruct();
  w.endStruct();
  w.endStruct();
}

QJsonValue jsonNumber(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(); }

std::vector<std::pair<std::string, std::string>> provenanceKeyValues(const FeatureSet& features,
                                                                     const ExportPlan& plan,
                                                                     const ExportOptions& options) {
  std::vector<std::pair<std::string, std::string>> kv;
  kv.emplace_back("strata.version", STRATA_VERSION);
  if (!options.provenance) return kv;
  const ExportProvenance& p = *options.provenance;
  kv.emplace_back("strata.pipeline.yaml", p.pipelineYaml.toStdString());
  QJsonArray plugins;
  for (const auto& [id, version] : p.plugins)
    plugins.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("version"), version}});
  kv.emplace_back("strata.plugins", QJsonDocument(plugins).toJson(QJsonDocument::Compact).toStdString());
  kv.emplace_back("strata.matrix", p.normalized ? "normalized" : "raw");
  // The features' element type as written: float32 when computed so (the pipeline's precision)
  // or rounded on export; the pipeline YAML says which.
  const bool single = options.float32 || features.matrix.precision() == Precision::Float32;
  kv.emplace_back("strata.precision", precisionName(single ? Precision::Float32 : Precision::Float64).toStdString());
  if (p.normalized && !features.normalization.min.empty()) {
    QJsonObject columns;
    for (const ExportColumn& c : plan.columns) {
      if (c.featureIndex < 0) continue;
      const auto k = static_cast<std::size_t>(c.featureIndex);
      columns.insert(c.name, QJsonArray{jsonNumber(features.normalization.min[k]),
                                        jsonNumber(features.normalization.max[k])});
    }
    const QJsonObject norm{{QStringLiteral("fit_rows"), static_cast<qint64>(features.normalization.fitRows)},
                           {QStringLiteral("min_max"), columns}};
    kv.emplace_back("strata.normalization", QJsonDocument(norm).toJson(QJsonDocument::Compact).toStdString());
  }
  kv.emplace_back("strata.data.fingerprint", p.dataFingerprint.toStdString());
  if (!p.dataSource.isEmpty()) kv.emplace_back("strata.data.source", p.dataSource.toStdString());
  kv.emplace_back("strata.symbol", p.symbol.toStdString());
  kv.emplace_back("strata.timeframes", p.timeframes.join(QLatin1Char(',')).toStdString());
  return kv;
}

}  // namespace

void writeParquet(const FeatureSet& features, const QString& path, const ExportOptions& options) {
  const ExportPlan plan = planExport(features, options);
  AtomicFile file(path);
  file.write(kMagic, sizeof kMagic);

  const auto cols = static_cast<qint64>(plan.columns.size());
  const qint64 groups = (plan.rows + options.rowGroupRows - 1) / options.rowGroupRows;
  std::vector<ChunkRecord> records(static_cast<std::size_t>(groups * cols));
  const qint64 totalCells = plan.rows * cols;
  qint64 doneCells = 0;
  produceInOrder<EncodedChunk>(
      groups * cols, options.threads, options.cancel,
      [&](qint64 index) {
        const qint64 group = index / cols, begin = group * options.rowGroupRows;
        const ExportColumn& column = plan.columns[static_cast<std::size_t>(index % cols)];
        return encodeChunk(column, plan.timestamps, begin, std::min(plan.rows, begin + options.rowGroupRows),
                           options.compression, options.zstdLevel);
      },
      [&, index = std::size_t{0}](EncodedChunk& chunk) mutable {
        if (!chunk.error.empty())
          throw ExportError(path.toStdString() + ": column " +
                            plan.columns[index % plan.columns.size()].name.toStdString() + ": " + chunk.error);
        ChunkRecord& record = records[index++];
        record.offset = file.position();
        record.compressedSize = static_cast<std::int64_t>(chunk.bytes.size());
        file.write(chunk.bytes);
        chunk.bytes = std::string();
        record.encoded = std::move(chunk);
        doneCells += record.encoded.numValues;
        if (options.progress) options.progress(doneCells, totalCells);
      });

  thrift::CompactWriter w;
  w.i32(kFileVersion, 1);
  w.beginList(kFileSchema, thrift::kStruct, plan.columns.size() + 1);
  w.beginElementStruct();
  w.binary(kSchemaName, "schema");
  w.i32(kSchemaNumChildren, static_cast<std::int32_t>(cols));
  w.endStruct();
  for (const ExportColumn& column : plan.columns) writeSchemaElement(w, column);
  w.i64(kFileNumRows, plan.rows);
  w.beginList(kFileRowGroups, thrift::kStruct, static_cast<std::size_t>(groups));
  for (qint64 g = 0; g < groups; ++g) {
    w.beginElementStruct();
    w.beginList(kGroupColumns, thrift::kStruct, plan.columns.size());
    std::int64_t uncompressed = 0, compressed = 0;
    for (qint64 c = 0; c < cols; ++c) {
      const ChunkRecord& record = records[static_cast<std::size_t>(g * cols + c)];
      writeColumnChunk(w, plan.columns[static_cast<std::size_t>(c)], record, options.compression);
      uncompressed += record.encoded.uncompressedSize;
      compressed += record.compressedSize;
    }
    w.i64(kGroupTotalBytes, uncompressed);
    w.i64(kGroupNumRows, records[static_cast<std::size_t>(g * cols)].encoded.numValues);
    w.i64(kGroupFileOffset, records[static_cast<std::size_t>(g * cols)].offset);
    w.i64(kGroupCompressedBytes, compressed);
    w.endStruct();
  }
  const auto keyValues = provenanceKeyValues(features, plan, options);
  w.beginList(kFileKeyValues, thrift::kStruct, keyValues.size());
  for (const auto& [key, value] : keyValues) {
    w.beginElementStruct();
    w.binary(kKey, key);
    w.binary(kValue, value);
    w.endStruct();
  }
  w.binary(kFileCreatedBy, "Strata version " STRATA_VERSION);
  w.beginList(kFileColumnOrders, thrift::kStruct, plan.columns.size());
  for (qint64 c = 0; c < cols; ++c) {  // TypeDefinedOrder: min/max use the types' own order
    w.beginElementStruct();
    w.beginStruct(1);
    w.endStruct();
    w.endStruct();
  }
  const std::string footer = w.finish();
  file.write(footer);
  const auto length = static_cast<std::uint32_t>(footer.size());
  const char lengthBytes[4] = {static_cast<char>(length), static_cast<char>(length >> 8),
                               static_cast<char>(length >> 16), static_cast<char>(length >> 24)};
  file.write(lengthBytes, 4);
  file.write(kMagic, sizeof kMagic);
  if (options.cancel && options.cancel->load()) throw ExportCancelled();
  file.commit();
}

}  // namespace strata
