#include "value_codec.h"

#include <zstd.h>

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <span>
#include <stdexcept>

namespace strata::cache {
static_assert(std::endian::native == std::endian::little,
              "the cache format is little-endian; a big-endian build would need byte swaps");

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr int kZstdLevel = 1;
constexpr std::size_t kPrefaultMin = std::size_t{64} << 20;  // smaller matrices fault in quickly
constexpr std::size_t kPrefaultStep = std::size_t{32} << 20;  // ~500 MB/s: anything slower costs more than the transfer saves

std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

std::uint64_t mixLane(std::uint64_t acc, std::uint64_t word) {
  acc += word * kPrime2;
  acc = std::rotl(acc, 31);
  return acc * kPrime1;
}

// The payload is three arrays one after the other; a chunk is a byte range over them.
template <typename Byte>
struct Segments {
  std::array<std::span<Byte>, 3> parts;

  template <typename Visit>
  void forRange(std::uint64_t offset, std::uint64_t length, Visit visit) const {
    std::uint64_t base = 0, done = 0;
    for (std::span<Byte> part : parts) {
      const std::uint64_t end = base + part.size();
      if (done < length && offset + done < end) {
        const std::uint64_t from = offset + done - base;
        const std::uint64_t take = std::min<std::uint64_t>(end - (offset + done), length - done);
        visit(part.subspan(from, take), done);
        done += take;
      }
      base = end;
    }
  }
};

template <typename Byte, typename Scalar>
std::span<Byte> bytesOf(Scalar* data, std::uint64_t count) {
  return {reinterpret_cast<Byte*>(data), count * sizeof(Scalar)};
}

Segments<const char> segmentsOf(const FeatureSet& f) {
  return {{bytesOf<const char>(f.timestamps.data(), f.timestamps.size()),
           bytesOf<const char>(f.matrix.storage(), f.matrix.bytes()),
           bytesOf<const char>(f.target.data(), static_cast<std::uint64_t>(f.target.size()))}};
}

Segments<char> segmentsOf(FeatureSet& f) {
  return {{bytesOf<char>(f.timestamps.data(), f.timestamps.size()),
           bytesOf<char>(f.matrix.storage(), f.matrix.bytes()),
           bytesOf<char>(f.target.data(), static_cast<std::uint64_t>(f.target.size()))}};
}

class Writer {
 public:
  explicit Writer(QByteArray* out) : out_(out) {}
  template <typename T>
  void put(T value) {
    out_->append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void text(const QString& s) {
    const QByteArray utf8 = s.toUtf8();
    put<std::uint32_t>(static_cast<std::uint32_t>(utf8.size()));
    out_->append(utf8);
  }
  void doubles(const std::vector<double>& values) {
    put<std::uint64_t>(values.size());
    out_->append(reinterpret_cast<const char*>(values.data()),
                 static_cast<qsizetype>(values.size() * sizeof(double)));
  }

 private:
  QByteArray* out_;
};

// Bounds-checked reads: after the first failure every read returns zero and ok() is false.
class Reader {
 public:
  Reader(QByteArrayView blob, std::size_t end) : blob_(blob), end_(end) {}
  std::size_t remaining() const { return end_ - pos_; }
  bool ok() const { return error_.isEmpty(); }
  const QString& error() const { return error_; }
  bool atEnd() const { return pos_ == end_; }
  void fail(const QString& why) {
    if (error_.isEmpty()) error_ = why;
    pos_ = end_;
  }
  template <typename T>
  T get(const char* what) {
    T value{};
    if (remaining() < sizeof value)
      fail(QStringLiteral("truncated: %1 at byte %2 runs past the end").arg(QLatin1String(what)).arg(pos_));
    else
      std::memcpy(&value, blob_.data() + pos_, sizeof value), pos_ += sizeof value;
    return value;
  }
  QByteArrayView bytes(std::uint64_t length, const char* what) {
    if (length > remaining()) {
      fail(QStringLiteral("%1 claims %2 bytes at byte %3 but only %4 remain")
               .arg(QLatin1String(what)).arg(length).arg(pos_).arg(remaining()));
      return {};
    }
    QByteArrayView view = blob_.sliced(static_cast<qsizetype>(pos_), static_cast<qsizetype>(length));
    pos_ += length;
    return view;
  }
  QString text(const char* what) {
    const QByteArrayView utf8 = bytes(get<std::uint32_t>(what), what);
    return QString::fromUtf8(utf8);
  }
  /// A count of elements of at least `minElementBytes` each: refused when the blob cannot hold them.
  std::uint64_t count(std::uint64_t n, std::uint64_t minElementBytes, const char* what) {
    if (ok() && n > remaining() / minElementBytes)
      fail(QStringLiteral("%1 count %2 cannot fit in the %3 bytes left").arg(QLatin1String(what)).arg(n).arg(remaining()));
    return ok() ? n : 0;
  }
  std::vector<double> doubles(const char* what) {
    const std::uint64_t n = count(get<std::uint64_t>(what), sizeof(double), what);
    std::vector<double> values(n);
    const QByteArrayView raw = bytes(n * sizeof(double), what);
    if (ok() && n) std::memcpy(values.data(), raw.data(), n * sizeof(double));
    return values;
  }

 private:
  QByteArrayView blob_;
  std::size_t end_;
  std::size_t pos_ = 0;
  QString error_;
};

}  // namespace

std::uint64_t checksum64(const char* data, std::size_t size) {
  std::uint64_t lanes[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  std::size_t i = 0;
  for (; i + 32 <= size; i += 32)
    for (int lane = 0; lane < 4; ++lane) lanes[lane] = mixLane(lanes[lane], load64(data + i + 8 * lane));
  std::uint64_t h = std::rotl(lanes[0], 1) + std::rotl(lanes[1], 7) + std::rotl(lanes[2], 12) +
                    std::rotl(lanes[3], 18) + size;
  for (; i + 8 <= size; i += 8) h = std::rotl(h ^ mixLane(0, load64(data + i)), 27) * kPrime1 + kPrime3;
  for (; i < size; ++i) h = std::rotl(h ^ (static_cast<unsigned char>(data[i]) * kPrime3), 11) * kPrime1;
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  return h ^ (h >> 32);
}

ValueEncoder::ValueEncoder(const FeatureSet& features, std::uint64_t chunkBytes, bool compress)
    : features_(features), chunkBytes_(std::max<std::uint64_t>(chunkBytes, 64)), compress_(compress) {
  for (std::span<const char> part : segmentsOf(features).parts) payloadBytes_ += part.size();
  chunkCount_ = static_cast<int>(std::max<std::uint64_t>(1, (payloadBytes_ + chunkBytes_ - 1) / chunkBytes_));
}

EncodedChunk ValueEncoder::chunk(int index) const {
  const std::uint64_t offset = static_cast<std::uint64_t>(index) * chunkBytes_;
  const std::uint64_t length = std::min(chunkBytes_, payloadBytes_ - offset);
  // A chunk inside one array is a view of it (no copy); one that straddles two is gathered.
  QByteArray raw;
  segmentsOf(features_).forRange(offset, length, [&](std::span<const char> piece, std::uint64_t at) {
    if (at == 0 && piece.size() == length) {
      raw = QByteArray::fromRawData(piece.data(), static_cast<qsizetype>(length));
      return;
    }
    if (raw.isNull()) raw = QByteArray(static_cast<qsizetype>(length), Qt::Uninitialized);
    std::memcpy(raw.data() + at, piece.data(), piece.size());
  });
  if (raw.isNull()) raw = QByteArray("");
  EncodedChunk out;
  out.info.rawBytes = length;
  out.info.codec = ChunkCodec::Raw;
  if (compress_ && length > 0) {
    QByteArray packed(static_cast<qsizetype>(ZSTD_compressBound(length)), Qt::Uninitialized);
    const std::size_t n = ZSTD_compress(packed.data(), static_cast<std::size_t>(packed.size()), raw.constData(),
                                        length, kZstdLevel);
    if (!ZSTD_isError(n) && n < length) {
      packed.truncate(static_cast<qsizetype>(n));
      raw = std::move(packed);
      out.info.codec = ChunkCodec::Zstd;
    }
  }
  out.info.storedBytes = static_cast<std::uint64_t>(raw.size());
  out.info.checksum = checksum64(raw.constData(), static_cast<std::size_t>(raw.size()));
  out.stored = std::move(raw);
  return out;
}

QByteArray ValueEncoder::manifest(const QString& key, std::uint64_t generation, const std::vector<ChunkInfo>& chunks,
                                  const EncodedChunk* inlineChunk) const {
  const FeatureSet& f = features_;
  QByteArray out;
  Writer w(&out);
  out.append(kMagic, sizeof kMagic);
  w.put(kFormatVersion);
  w.put(f.matrix.precision() == Precision::Float32 ? kDtypeFloat32 : kDtypeFloat64);
  w.put<std::uint64_t>(static_cast<std::uint64_t>(f.matrix.rows()));
  w.put<std::uint64_t>(static_cast<std::uint64_t>(f.matrix.cols()));
  w.put<std::uint64_t>(f.timestamps.size());
  w.put<std::uint64_t>(static_cast<std::uint64_t>(f.target.size()));
  w.put(generation);
  w.text(key);
  for (const QString& name : f.columns) w.text(name);
  w.doubles(f.normalization.min);
  w.doubles(f.normalization.max);
  w.put<std::int64_t>(f.normalization.fitRows);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(f.report.columns.size()));
  for (const ColumnStats& c : f.report.columns) {
    w.text(c.name);
    w.put<std::int64_t>(c.nanCount);
    w.put<std::int64_t>(c.posInfCount);
    w.put<std::int64_t>(c.negInfCount);
    w.put<std::uint8_t>(c.constant ? 1 : 0);
  }
  w.put<std::uint32_t>(static_cast<std::uint32_t>(f.report.warnings.size()));
  for (const QString& warning : f.report.warnings) w.text(warning);
  w.put<std::uint32_t>(static_cast<std::uint32_t>(chunks.size()));
  for (const ChunkInfo& c : chunks) {
    w.put(c.rawBytes);
    w.put(c.storedBytes);
    w.put(c.checksum);
    w.put(static_cast<std::uint8_t>(c.codec));
  }
  w.put<std::uint8_t>(inlineChunk ? 1 : 0);
  if (inlineChunk) {
    w.put<std::uint64_t>(static_cast<std::uint64_t>(inlineChunk->stored.size()));
    out.append(inlineChunk->stored);
  }
  w.put(checksum64(out.constData(), static_cast<std::size_t>(out.size())));
  return out;
}

std::optional<Manifest> parseManifest(QByteArrayView blob, std::uint64_t maxPayloadBytes, QString* error) {
  auto refuse = [&](const QString& why) {
    if (error) *error = why;
    return std::optional<Manifest>();
  };
  constexpr std::size_t kTrailer = sizeof(std::uint64_t);
  const std::size_t size = static_cast<std::size_t>(blob.size());
  if (size < sizeof kMagic + 4 + kTrailer) return refuse(QStringLiteral("%1 bytes is too short for a value").arg(size));
  if (std::memcmp(blob.data(), kMagic, sizeof kMagic) != 0) return refuse(QStringLiteral("not a Strata cache value (wrong magic)"));
  Reader r(blob, size - kTrailer);
  r.bytes(sizeof kMagic, "magic");
  const auto version = r.get<std::uint32_t>("version");
  if (version != kFormatVersion)
    return refuse(QStringLiteral("format version %1; this build reads version %2").arg(version).arg(kFormatVersion));
  if (load64(blob.data() + size - kTrailer) != checksum64(blob.data(), size - kTrailer))
    return refuse(QStringLiteral("manifest checksum mismatch"));
  Manifest m;
  if (const auto dtype = r.get<std::uint32_t>("dtype"); dtype == kDtypeFloat32)
    m.precision = Precision::Float32;
  else if (dtype != kDtypeFloat64)
    return refuse(QStringLiteral("unknown dtype %1").arg(dtype));

  m.rows = r.get<std::uint64_t>("rows");
  m.cols = r.get<std::uint64_t>("cols");
  m.timestampRows = r.get<std::uint64_t>("timestamp rows");
  m.targetRows = r.get<std::uint64_t>("target rows");
  m.generation = r.get<std::uint64_t>("generation");
  m.key = r.text("key");
  if (!r.ok()) return refuse(r.error());
  // Timestamps and target are 8 bytes a row; the matrix 8 or 4 bytes a cell.
  const std::uint64_t cellBytes = m.precision == Precision::Float32 ? 4 : 8;
  std::uint64_t cells = 0, matrixBytes = 0, sideBytes = 0, payloadBytes = 0;
  if (__builtin_mul_overflow(m.rows, m.cols, &cells) || __builtin_mul_overflow(cells, cellBytes, &matrixBytes) ||
      __builtin_add_overflow(m.timestampRows, m.targetRows, &sideBytes) ||
      __builtin_mul_overflow(sideBytes, std::uint64_t{8}, &sideBytes) ||
      __builtin_add_overflow(matrixBytes, sideBytes, &payloadBytes) || payloadBytes > maxPayloadBytes || m.rows > std::uint64_t{1} << 48 || m.cols > std::uint64_t{1} << 24)
    return refuse(QStringLiteral("%1 rows x %2 columns exceeds the %3-byte limit").arg(m.rows).arg(m.cols).arg(maxPayloadBytes));
  if ((m.timestampRows != 0 && m.timestampRows != m.rows) || (m.targetRows != 0 && m.targetRows != m.rows))
    return refuse(QStringLiteral("timestamps (%1) or target (%2) do not match %3 rows").arg(m.timestampRows).arg(m.targetRows).arg(m.rows));

  const std::uint64_t names = r.count(m.cols, sizeof(std::uint32_t), "column name");
  m.columns.reserve(static_cast<qsizetype>(names));
  for (std::uint64_t i = 0; i < names && r.ok(); ++i) m.columns.append(r.text("column name"));
  m.normalization.min = r.doubles("normalization min");
  m.normalization.max = r.doubles("normalization max");
  m.normalization.fitRows = static_cast<Eigen::Index>(r.get<std::int64_t>("fit rows"));
  const std::uint64_t stats = r.count(r.get<std::uint32_t>("report columns"), 4 + 3 * 8 + 1, "report column");
  for (std::uint64_t i = 0; i < stats && r.ok(); ++i) {
    ColumnStats c;
    c.name = r.text("report column name");
    c.nanCount = r.get<std::int64_t>("nan count");
    c.posInfCount = r.get<std::int64_t>("+inf count");
    c.negInfCount = r.get<std::int64_t>("-inf count");
    c.constant = r.get<std::uint8_t>("constant flag") != 0;
    m.report.columns.push_back(std::move(c));
  }
  const std::uint64_t warnings = r.count(r.get<std::uint32_t>("warnings"), 4, "warning");
  for (std::uint64_t i = 0; i < warnings && r.ok(); ++i) m.report.warnings.append(r.text("warning"));
  const std::uint64_t chunks = r.count(r.get<std::uint32_t>("chunks"), 3 * 8 + 1, "chunk");
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < chunks && r.ok(); ++i) {
    ChunkInfo c;
    c.rawBytes = r.get<std::uint64_t>("chunk size");
    c.storedBytes = r.get<std::uint64_t>("chunk stored size");
    c.checksum = r.get<std::uint64_t>("chunk checksum");
    const auto codec = r.get<std::uint8_t>("chunk codec");
    if (codec > static_cast<std::uint8_t>(ChunkCodec::Zstd)) r.fail(QStringLiteral("chunk %1: unknown codec %2").arg(i).arg(codec));
    c.codec = static_cast<ChunkCodec>(codec);
    if (c.codec == ChunkCodec::Raw && c.storedBytes != c.rawBytes)
      r.fail(QStringLiteral("chunk %1: raw chunk stores %2 bytes for %3").arg(i).arg(c.storedBytes).arg(c.rawBytes));
    if (__builtin_add_overflow(total, c.rawBytes, &total)) r.fail(QStringLiteral("chunk sizes overflow"));
    m.chunks.push_back(c);
  }
  if (r.ok() && (chunks == 0 || total != payloadBytes))
    return refuse(QStringLiteral("chunks carry %1 bytes; %2 rows x %3 %4 columns need %5")
                      .arg(total).arg(m.rows).arg(m.cols).arg(precisionName(m.precision)).arg(payloadBytes));
  if (r.get<std::uint8_t>("inline flag") != 0) {
    const std::uint64_t length = r.get<std::uint64_t>("inline length");
    if (r.ok() && (chunks != 1 || length != m.chunks[0].storedBytes))
      r.fail(QStringLiteral("inline payload of %1 bytes does not match its chunk table").arg(length));
    const QByteArrayView payload = r.bytes(length, "inline payload");
    if (r.ok()) m.inlineChunk = payload.toByteArray();
  }
  if (r.ok() && !r.atEnd()) r.fail(QStringLiteral("%1 unexpected bytes after the manifest").arg(r.remaining()));
  if (!r.ok()) return refuse(r.error());
  return m;
}

ValueDecoder::ValueDecoder(Manifest manifest) : manifest_(std::move(manifest)) {
  const Manifest& m = manifest_;
  features_.columns = m.columns;
  features_.normalization = m.normalization;
  features_.report = m.report;
  features_.timestamps.resize(m.timestampRows);
  features_.matrix = ColumnMatrix(static_cast<Eigen::Index>(m.rows), static_cast<Eigen::Index>(m.cols), m.precision);
  features_.target.resize(static_cast<Eigen::Index>(m.targetRows));
  added_.assign(m.chunks.size(), false);
  const std::size_t bytes = features_.matrix.bytes();
  if (bytes >= kPrefaultMin && m.chunks.size() > 1) {
    char* start = reinterpret_cast<char*>(features_.matrix.storage());  // page-aligned (mmap)
    prefault_ = std::thread([this, start, bytes] {
      for (std::size_t at = 0; at < bytes && !stopPrefault_.load(std::memory_order_relaxed); at += kPrefaultStep)
        // MADV_POPULATE_WRITE only maps missing pages; it never writes over data already copied.
        if (madvise(start + at, std::min(kPrefaultStep, bytes - at), MADV_POPULATE_WRITE) != 0) break;
    });
  }
}

ValueDecoder::~ValueDecoder() { stopPrefault(); }

void ValueDecoder::stopPrefault() {
  stopPrefault_ = true;
  if (prefault_.joinable()) prefault_.join();
}

bool ValueDecoder::addChunk(int index, QByteArrayView stored, QString* error) {
  auto refuse = [&](const QString& why) {
    if (error) *error = QStringLiteral("chunk %1: %2").arg(index).arg(why);
    return false;
  };
  if (index < 0 || static_cast<std::size_t>(index) >= manifest_.chunks.size()) return refuse(QStringLiteral("no such chunk"));
  const ChunkInfo& info = manifest_.chunks[static_cast<std::size_t>(index)];
  if (static_cast<std::uint64_t>(stored.size()) != info.storedBytes)
    return refuse(QStringLiteral("%1 bytes where %2 were stored").arg(stored.size()).arg(info.storedBytes));
  if (checksum64(stored.data(), static_cast<std::size_t>(stored.size())) != info.checksum)
    return refuse(QStringLiteral("checksum mismatch"));
  std::uint64_t offset = 0;
  for (int i = 0; i < index; ++i) offset += manifest_.chunks[static_cast<std::size_t>(i)].rawBytes;

  QByteArray unpacked;
  QByteArrayView raw = stored;
  if (info.codec == ChunkCodec::Zstd) {
    unpacked = QByteArray(static_cast<qsizetype>(info.rawBytes), Qt::Uninitialized);
    const std::size_t n = ZSTD_decompress(unpacked.data(), info.rawBytes, stored.data(), static_cast<std::size_t>(stored.size()));
    if (ZSTD_isError(n)) return refuse(QStringLiteral("zstd: %1").arg(QLatin1String(ZSTD_getErrorName(n))));
    if (n != info.rawBytes) return refuse(QStringLiteral("decompressed to %1 bytes, expected %2").arg(n).arg(info.rawBytes));
    raw = unpacked;
  }
  segmentsOf(features_).forRange(offset, info.rawBytes, [&](std::span<char> piece, std::uint64_t at) {
    std::memcpy(piece.data(), raw.data() + at, piece.size());
  });
  added_[static_cast<std::size_t>(index)] = true;
  return true;
}

std::optional<FeatureSet> ValueDecoder::finish(QString* error) {
  stopPrefault();
  if (std::find(added_.begin(), added_.end(), false) != added_.end()) {
    if (error) *error = QStringLiteral("value incomplete: a chunk is missing");
    return std::nullopt;
  }
  return std::move(features_);
}

std::optional<FeatureSet> decodeInlineValue(QByteArrayView blob, std::uint64_t maxPayloadBytes, QString* error) {
  std::optional<Manifest> manifest = parseManifest(blob, maxPayloadBytes, error);
  if (!manifest) return std::nullopt;
  if (!manifest->isInline()) {
    if (error) *error = QStringLiteral("value is chunked, not inline");
    return std::nullopt;
  }
  const QByteArray payload = manifest->inlineChunk;
  try {
    ValueDecoder decoder(std::move(*manifest));
    if (!decoder.addChunk(0, payload, error)) return std::nullopt;
    return decoder.finish(error);
  } catch (const std::bad_alloc&) {
    if (error) *error = QStringLiteral("not enough memory for the value");
    return std::nullopt;
  }
}

QByteArray encodeInlineValue(const FeatureSet& features, bool compress, const QString& key) {
  ValueEncoder encoder(features, std::numeric_limits<std::uint64_t>::max() / 2, compress);
  const EncodedChunk only = encoder.chunk(0);
  return encoder.manifest(key, 0, {only.info}, &only);
}

std::uint64_t featureSetBytes(const FeatureSet& f) {
  std::uint64_t bytes = sizeof(FeatureSet) + f.matrix.bytes() + f.timestamps.size() * sizeof(Timestamp) +
                        static_cast<std::uint64_t>(f.target.size()) * sizeof(double) +
                        (f.normalization.min.size() + f.normalization.max.size()) * sizeof(double);
  for (const QString& name : f.columns) bytes += static_cast<std::uint64_t>(name.size()) * 2 + 32;
  return bytes;
}

}  // namespace strata::cache
