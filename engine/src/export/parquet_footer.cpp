#include "strata/parquet_footer.h"

#include "parquet_footer_check.h"
#include "parquet_format.h"
#include "strata/export.h"
#include "strata/time_format.h"
#include "thrift_compact.h"

#include <QFile>

#include <charconv>
#include <cstring>

namespace strata {
namespace {

using namespace parquet;
using thrift::Value;

// Strata's own footers take about 100 bytes a column chunk (a 48,674-column matrix: ~5 MB a row
// group); any file's footer is read whole and decoded, so one far larger is refused up front.
constexpr std::uint32_t kMaxFooterBytes = 64u << 20;

QString physicalName(std::int64_t type) {
  static const char* const names[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE",
                                      "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return type >= 0 && type < 8 ? QString::fromLatin1(names[type]) : QStringLiteral("type %1").arg(type);
}

QString codecName(std::int64_t codec) {
  static const char* const names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  return codec >= 0 && codec < 8 ? QString::fromLatin1(names[codec]) : QStringLiteral("codec %1").arg(codec);
}

QString logicalName(const Value& element) {
  const Value* logical = element.field(kSchemaLogical);
  if (!logical || logical->elements.empty()) return {};
  const std::int16_t kind = logical->elements.front().id;
  const Value& body = logical->elements.front();
  if (kind == kLogicalTimestamp) {
    const Value* unit = body.field(kTimestampUnit);
    const std::int16_t u = unit && !unit->elements.empty() ? unit->elements.front().id : 0;
    return QStringLiteral("TIMESTAMP(%1,%2)")
        .arg(u == 1 ? "MILLIS" : u == kUnitMicros ? "MICROS" : "NANOS",
             body.fieldInt(kTimestampUtc) ? "UTC" : "local");
  }
  if (kind == kLogicalInteger)
    return QStringLiteral("INT(%1,%2)").arg(body.fieldInt(kIntBitWidth)).arg(body.fieldInt(kIntSigned) ? "signed" : "unsigned");
  static const char* const names[] = {"", "STRING", "MAP", "LIST", "ENUM", "DECIMAL", "DATE", "TIME",
                                      "TIMESTAMP", "", "INTEGER", "NULL", "JSON", "BSON", "UUID", "FLOAT16"};
  return kind > 0 && kind < 16 ? QString::fromLatin1(names[kind]) : QStringLiteral("logical %1").arg(kind);
}

/// A PLAIN-encoded statistic as text for the column's physical (and timestamp) type.
QString statText(const std::string& bytes, const ParquetColumnInfo& column) {
  if (bytes.empty()) return {};
  char text[64];
  auto number = [&](auto v) { return QString::fromLatin1(text, std::to_chars(text, text + sizeof text, v).ptr - text); };
  if (column.physicalType == u"INT64" && bytes.size() == 8) {
    std::int64_t v;
    std::memcpy(&v, bytes.data(), 8);
    return column.logicalType.startsWith(u"TIMESTAMP(MICROS") ? isoUtc(v) : number(v);
  }
  if (column.physicalType == u"INT32" && bytes.size() == 4) {
    std::int32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return number(v);
  }
  if (column.physicalType == u"DOUBLE" && bytes.size() == 8) {
    double v;
    std::memcpy(&v, bytes.data(), 8);
    return number(v);
  }
  if (column.physicalType == u"FLOAT" && bytes.size() == 4) {
    float v;
    std::memcpy(&v, bytes.data(), 4);
    return number(v);
  }
  return QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

}  // namespace

std::optional<QString> ParquetFileInfo::value(const QString& key) const {
  for (const auto& [k, v] : keyValues)
    if (k == key) return v;
  return std::nullopt;
}

ParquetFileInfo readParquetFooter(const QString& path) {
  const auto fail = [&path](const QString& what) {
    return ExportError(QStringLiteral("%1: %2").arg(path, what).toStdString());
  };
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw fail(QStringLiteral("cannot read: %1").arg(file.errorString()));
  ParquetFileInfo info;
  info.fileBytes = file.size();
  char tail[8];
  if (info.fileBytes < 12 || !file.seek(info.fileBytes - 8) || file.read(tail, 8) != 8 ||
      std::memcmp(tail + 4, kMagic, 4) != 0)
    throw fail(QStringLiteral("not a Parquet file (no PAR1 footer)"));
  std::uint32_t length;
  std::memcpy(&length, tail, 4);
  if (length > info.fileBytes - 12) throw fail(QStringLiteral("footer length %1 exceeds the file").arg(length));
  if (length > kMaxFooterBytes)
    throw fail(QStringLiteral("footer of %1 bytes is larger than the %2 MiB accepted")
                   .arg(length).arg(kMaxFooterBytes >> 20));
  file.seek(info.fileBytes - 8 - length);
  const QByteArray footer = file.read(length);
  Value meta;
  try {
    std::size_t consumed = 0;
    meta = thrift::readStruct(reinterpret_cast<const std::uint8_t*>(footer.constData()),
                              static_cast<std::size_t>(footer.size()), &consumed);
    if (consumed != static_cast<std::size_t>(footer.size()))
      throw std::runtime_error("its FileMetaData ends after " + std::to_string(consumed) +
                               " of the " + std::to_string(footer.size()) +
                               " bytes the footer length gives");
    checkFileMetaData(meta, info.fileBytes - 8 - length);
  } catch (const std::runtime_error& e) {
    throw fail(QStringLiteral("corrupt footer: %1").arg(e.what()));
  }
  info.rows = meta.fieldInt(kFileNumRows);
  info.createdBy = QString::fromStdString(meta.fieldBytes(kFileCreatedBy));
  if (const Value* schema = meta.field(kFileSchema)) {
    for (const Value& element : schema->elements) {
      if (element.field(kSchemaNumChildren)) continue;  // the root and any group
      info.columns.push_back({QString::fromStdString(element.fieldBytes(kSchemaName)),
                              physicalName(element.fieldInt(kSchemaType)), logicalName(element),
                              element.fieldInt(kSchemaRepetition) == kOptional});
    }
  }
  if (const Value* groups = meta.field(kFileRowGroups)) {
    for (const Value& group : groups->elements) {
      ParquetRowGroupInfo g;
      g.rows = group.fieldInt(kGroupNumRows);
      const Value* chunks = group.field(kGroupColumns);
      for (std::size_t i = 0; chunks && i < chunks->elements.size(); ++i) {
        const Value* m = chunks->elements[i].field(kChunkMeta);
        if (!m) continue;
        ParquetChunkInfo c;
        c.codec = codecName(m->fieldInt(kMetaCodec));
        c.values = m->fieldInt(kMetaNumValues);
        c.compressedBytes = m->fieldInt(kMetaCompressed);
        c.uncompressedBytes = m->fieldInt(kMetaUncompressed);
        g.compressedBytes += c.compressedBytes;
        if (const Value* s = m->field(kMetaStatistics); s && i < info.columns.size()) {
          if (s->field(kStatsNullCount)) c.nullCount = s->fieldInt(kStatsNullCount);
          const bool modern = s->field(kStatsMinValue) || s->field(kStatsMaxValue);
          c.min = statText(s->fieldBytes(modern ? kStatsMinValue : kStatsMinLegacy), info.columns[i]);
          c.max = statText(s->fieldBytes(modern ? kStatsMaxValue : kStatsMaxLegacy), info.columns[i]);
        }
        g.chunks.push_back(std::move(c));
      }
      info.rowGroups.push_back(std::move(g));
    }
  }
  if (const Value* kv = meta.field(kFileKeyValues))
    for (const Value& e : kv->elements)
      info.keyValues.emplace_back(QString::fromStdString(e.fieldBytes(kKey)), QString::fromStdString(e.fieldBytes(kValue)));
  return info;
}

}  // namespace strata
