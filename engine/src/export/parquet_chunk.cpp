#include "parquet_chunk.h"

#include "parquet_format.h"
#include "thrift_compact.h"

#include <snappy-c.h>
#include <zstd.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

namespace strata::parquet {
namespace {

constexpr std::size_t kPageBytes = std::size_t{1} << 20;  // uncompressed values per page

template <class T>
void appendPlain(std::string& out, T v) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &v, sizeof(T));  // Parquet PLAIN is little-endian, as is x86-64
  out.append(bytes, sizeof(T));
}

void appendVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

/// Definition levels (bit width 1: 1 present, 0 null) in the RLE/bit-packed hybrid, as RLE runs
/// only (nulls come in long runs here: the target's last rows, a crossover's warm-up), prefixed
/// by their length as data page v1 requires.
template <class Value>
void appendDefinitionLevels(std::string& out, std::span<const Value> values) {
  std::string runs;
  std::size_t i = 0;
  while (i < values.size()) {
    const bool present = !std::isnan(values[i]);
    std::size_t j = i + 1;
    while (j < values.size() && !std::isnan(values[j]) == present) ++j;
    appendVarint(runs, static_cast<std::uint64_t>(j - i) << 1);
    runs += static_cast<char>(present ? 1 : 0);
    i = j;
  }
  appendPlain(out, static_cast<std::uint32_t>(runs.size()));
  out += runs;
}

struct ZstdContextDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

bool compress(ParquetCompression codec, int level, const std::string& in, std::string& out) {
  switch (codec) {
    case ParquetCompression::None:
      out = in;
      return true;
    case ParquetCompression::Zstd: {
      thread_local std::unique_ptr<ZSTD_CCtx, ZstdContextDeleter> context(ZSTD_createCCtx());
      out.resize(ZSTD_compressBound(in.size()));
      const std::size_t n =
          ZSTD_compressCCtx(context.get(), out.data(), out.size(), in.data(), in.size(), level);
      if (ZSTD_isError(n)) return false;
      out.resize(n);
      return true;
    }
    case ParquetCompression::Snappy: {
      std::size_t n = snappy_max_compressed_length(in.size());
      out.resize(n);
      if (snappy_compress(in.data(), in.size(), out.data(), &n) != SNAPPY_OK) return false;
      out.resize(n);
      return true;
    }
  }
  return false;
}

std::size_t valueBytes(ColumnKind kind) {
  return kind == ColumnKind::Time || kind == ColumnKind::Double ? 8 : 4;
}

/// Running min/max of the written values. Floating point: NaN is left out, and a zero minimum
/// is written as -0.0 and a zero maximum as +0.0, as the format's ColumnOrder notes ask.
template <class T>
struct MinMax {
  T min = std::numeric_limits<T>::max(), max = std::numeric_limits<T>::lowest();
  bool any = false;
  void add(T v) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(v)) return;
    }
    any = true;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  void store(EncodedChunk& chunk) const {
    if (!any) return;
    T lo = min, hi = max;
    if constexpr (std::is_floating_point_v<T>) {
      if (lo == 0) lo = -T(0);
      if (hi == 0) hi = T(0);
    }
    chunk.hasMinMax = true;
    appendPlain(chunk.min, lo);
    appendPlain(chunk.max, hi);
  }
};

/// Appends the PLAIN values of rows [begin, end) (nulls skipped) and updates the statistics.
template <class T, class Value, class Convert>
void appendValues(std::string& page, std::span<const Value> values, bool nullable, MinMax<T>& stats,
                  Convert convert) {
  for (Value v : values) {
    if (nullable && std::isnan(v)) continue;
    const T x = convert(v);
    stats.add(x);
    appendPlain(page, x);
  }
}

}  // namespace

std::int32_t physicalType(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::Time: return kInt64;
    case ColumnKind::Double: return kDouble;
    case ColumnKind::Float: return kFloat;
    case ColumnKind::Int8: return kInt32;
  }
  return kDouble;
}

EncodedChunk encodeChunk(const ExportColumn& column, std::span<const Timestamp> timestamps,
                         qint64 begin, qint64 end, ParquetCompression compression, int zstdLevel) {
  EncodedChunk chunk;
  chunk.numValues = end - begin;
  const auto pageRows = static_cast<qint64>(std::max<std::size_t>(1, kPageBytes / valueBytes(column.kind)));
  MinMax<std::int64_t> intStats;
  MinMax<std::int32_t> smallStats;
  MinMax<double> doubleStats;
  MinMax<float> floatStats;
  std::string page, compressed;
  for (qint64 p = begin; p < end; p += pageRows) {
    const qint64 pageEnd = std::min(end, p + pageRows);
    const auto first = static_cast<std::size_t>(p), count = static_cast<std::size_t>(pageEnd - p);
    page.clear();
    switch (column.kind) {
      case ColumnKind::Time:
        for (Timestamp t : timestamps.subspan(first, count)) {
          intStats.add(t);
          appendPlain(page, t);
        }
        break;
      case ColumnKind::Double:
        appendValues(page, column.values.subspan(first, count), false, doubleStats,
                     [](double v) { return v; });
        break;
      case ColumnKind::Float:  // from a float32 matrix as is, or rounded from doubles
        column.visit([&](auto values) {
          appendValues(page, values.subspan(first, count), false, floatStats,
                       [](auto v) { return static_cast<float>(v); });
        });
        break;
      case ColumnKind::Int8:
        column.visit([&](auto all) {
          const auto values = all.subspan(first, count);
          if (column.nullable) {
            appendDefinitionLevels(page, values);
            for (auto v : values) chunk.nullCount += std::isnan(v);
          }
          appendValues(page, values, column.nullable, smallStats, [](auto v) { return static_cast<std::int32_t>(v); });
        });
        break;
    }
    if (!compress(compression, zstdLevel, page, compressed)) {
      chunk.error = "compression failed";
      return chunk;
    }
    thrift::CompactWriter header;
    header.i32(kPageType, kDataPage);
    header.i32(kPageUncompressed, static_cast<std::int32_t>(page.size()));
    header.i32(kPageCompressed, static_cast<std::int32_t>(compressed.size()));
    header.beginStruct(kPageDataHeader);
    header.i32(kDataNumValues, static_cast<std::int32_t>(count));
    header.i32(kDataEncoding, kPlain);
    header.i32(kDataDefEncoding, kRle);
    header.i32(kDataRepEncoding, kRle);
    header.endStruct();
    const std::string headerBytes = header.finish();
    chunk.bytes += headerBytes;
    chunk.bytes += compressed;
    chunk.uncompressedSize += static_cast<std::int64_t>(headerBytes.size() + page.size());
  }
  intStats.store(chunk);
  smallStats.store(chunk);
  doubleStats.store(chunk);
  floatStats.store(chunk);
  return chunk;
}

std::int32_t codecNumber(ParquetCompression compression) {
  switch (compression) {
    case ParquetCompression::None: return kUncompressed;
    case ParquetCompression::Snappy: return kSnappy;
    case ParquetCompression::Zstd: return kZstd;
  }
  return kUncompressed;
}

}  // namespace strata::parquet
