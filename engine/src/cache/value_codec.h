#pragma once
// The cache's value format: a small manifest (header, column names, normalisation, report,
// chunk table) and the payload (timestamps, matrix columns, target) cut into chunks that are
// each checksummed and optionally zstd-compressed. A payload that fits one chunk travels inside
// the manifest; a larger one lives under generation-specific chunk keys that the manifest
// points to, so publishing the manifest publishes the whole value at once. Layout: docs/cache.md.
//
// Decoding trusts nothing: every length is checked against the bytes that are really there
// before anything is allocated or copied, and any mismatch is an error text, never a crash.
#include "strata/visibility.h"  // exported for the cache's own tests, which check the wire format directly
#include "strata/pipeline.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <cstdint>
#include <optional>
#include <thread>
#include <vector>

namespace strata::cache {

inline constexpr char kMagic[8] = {'S', 'T', 'R', 'A', 'T', 'A', 'F', 'C'};
// Version 2 binds a value to its key (the key is in the manifest, and a value read under
// another key is refused); a version 1 value is refused by its version: a miss, deleted.
inline constexpr std::uint32_t kFormatVersion = 2;
// The matrix's element type. float32 came later without changing the layout (only the matrix
// segment's size depends on it); an older build refuses a float32 value as an "unknown dtype":
// a clean miss.
inline constexpr std::uint32_t kDtypeFloat64 = 1;
inline constexpr std::uint32_t kDtypeFloat32 = 2;

/// Checksum of chunk payloads and of the manifest: a 4-lane multiply-rotate hash over 64-bit
/// words (several GB/s). It detects corruption and truncation, not an adversary.
STRATA_ENGINE_EXPORT std::uint64_t checksum64(const char* data, std::size_t size);

enum class ChunkCodec : std::uint8_t { Raw = 0, Zstd = 1 };

struct STRATA_ENGINE_EXPORT ChunkInfo {
  std::uint64_t rawBytes = 0;     // payload bytes this chunk carries once decoded
  std::uint64_t storedBytes = 0;  // bytes as stored (compressed or not)
  std::uint64_t checksum = 0;     // of the decoded bytes
  ChunkCodec codec = ChunkCodec::Raw;
};

struct STRATA_ENGINE_EXPORT EncodedChunk {
  QByteArray stored;  // may view the FeatureSet's own memory: use it while the set lives
  ChunkInfo info;
};

/// Cuts one FeatureSet into chunks; reads the set in place (no full copy is ever made).
class STRATA_ENGINE_EXPORT ValueEncoder {
 public:
  ValueEncoder(const FeatureSet& features, std::uint64_t chunkBytes, bool compress);
  int chunkCount() const { return chunkCount_; }
  std::uint64_t payloadBytes() const { return payloadBytes_; }
  EncodedChunk chunk(int index) const;
  /// The manifest of the value stored under `key`; `inlineChunk` (only when chunkCount() == 1)
  /// is embedded after the header.
  QByteArray manifest(const QString& key, std::uint64_t generation, const std::vector<ChunkInfo>& chunks,
                      const EncodedChunk* inlineChunk) const;

 private:
  const FeatureSet& features_;
  std::uint64_t chunkBytes_;
  bool compress_;
  std::uint64_t payloadBytes_ = 0;
  int chunkCount_ = 0;
};

struct STRATA_ENGINE_EXPORT Manifest {
  std::uint64_t rows = 0, cols = 0;
  Precision precision = Precision::Float64;
  std::uint64_t timestampRows = 0;  // 0 or rows
  std::uint64_t targetRows = 0;     // 0 or rows
  std::uint64_t generation = 0;
  QString key;  // the key the value was stored under: a reader under another key refuses it
  QStringList columns;
  NormalizationParams normalization;
  ValidationReport report;
  std::vector<ChunkInfo> chunks;
  QByteArray inlineChunk;  // the only chunk, when the payload travelled inside the manifest
  bool isInline() const { return !inlineChunk.isNull(); }
  std::uint64_t payloadBytes() const {
    return (timestampRows + targetRows) * 8 + rows * cols * (precision == Precision::Float32 ? 4 : 8);
  }
};

/// Parses and checks a manifest (magic, version, checksum, every length). `maxPayloadBytes`
/// bounds what a manifest may make the reader allocate.
STRATA_ENGINE_EXPORT std::optional<Manifest> parseManifest(QByteArrayView blob, std::uint64_t maxPayloadBytes,
                                      QString* error);

/// Rebuilds the FeatureSet chunk by chunk, writing each straight into its final place.
class STRATA_ENGINE_EXPORT ValueDecoder {
 public:
  /// Allocates the destination; throws std::bad_alloc when it cannot.
  explicit ValueDecoder(Manifest manifest);
  ~ValueDecoder();
  ValueDecoder(const ValueDecoder&) = delete;
  ValueDecoder& operator=(const ValueDecoder&) = delete;
  /// Decodes chunk `index` from its stored bytes; false with an error on any mismatch.
  bool addChunk(int index, QByteArrayView stored, QString* error);
  /// The set, once every chunk was added; nullopt otherwise.
  std::optional<FeatureSet> finish(QString* error);
  const Manifest& manifest() const { return manifest_; }

 private:
  void stopPrefault();
  Manifest manifest_;
  FeatureSet features_;
  std::vector<bool> added_;
  // Faults the new matrix's pages in (the kernel zeroes them) while chunks are still arriving,
  // instead of on the critical path of each copy.
  std::atomic_bool stopPrefault_{false};
  std::thread prefault_;
};

/// Convenience for a manifest carrying its payload inline (tests, small values).
STRATA_ENGINE_EXPORT std::optional<FeatureSet> decodeInlineValue(QByteArrayView blob, std::uint64_t maxPayloadBytes,
                                            QString* error);
/// The whole value for `key` as one blob when it fits one chunk; the chunked path lives in
/// FeatureCache.
STRATA_ENGINE_EXPORT QByteArray encodeInlineValue(const FeatureSet& features, bool compress, const QString& key);

/// Bytes a FeatureSet occupies in memory (matrix, timestamps, target, names).
STRATA_ENGINE_EXPORT std::uint64_t featureSetBytes(const FeatureSet& features);

}  // namespace strata::cache
