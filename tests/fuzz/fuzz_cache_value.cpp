// A cached value as the feature cache reads it back from Redis (engine/src/cache/value_codec):
// the manifest is parsed and checked, then its chunks are decoded into the FeatureSet.
// First the input exactly as stored; then the same bytes with their checksums made right,
// because a checksum detects corruption, not an adversary, and everything behind it (lengths,
// counts, the chunk table, zstd, placing chunks) must hold for any bytes that pass it.
// Chunked values get their chunks as zero bytes of the stored sizes the manifest names.
#include "fuzz_support.h"
#include "value_codec.h"

#include <cstring>

using namespace strata;
using namespace strata::cache;

namespace {

constexpr const char* kTarget = "fuzz_cache_value";
// Bounds what a manifest may make the decoder allocate, as FeatureCache's maxValueBytes does.
constexpr std::uint64_t kMaxPayloadBytes = std::uint64_t{4} << 20;

QByteArray withTrailerChecksum(const std::uint8_t* data, std::size_t size) {
  QByteArray blob(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  if (size < sizeof(std::uint64_t)) return blob;
  const std::size_t body = size - sizeof(std::uint64_t);
  const std::uint64_t sum = checksum64(blob.constData(), body);
  std::memcpy(blob.data() + body, &sum, sizeof sum);
  return blob;
}

// The chunks Redis would return for `manifest`, their checksums made right; none when they would
// not fit the payload bound (a zstd chunk's stored size is whatever the table says, and the
// reader only compares it with what Redis returned, never allocates by it).
std::vector<QByteArray> storedChunks(Manifest& manifest) {
  std::uint64_t storedBytes = 0;
  for (const ChunkInfo& info : manifest.chunks)
    if (__builtin_add_overflow(storedBytes, info.storedBytes, &storedBytes) ||
        storedBytes > kMaxPayloadBytes)
      return {};
  std::vector<QByteArray> chunks;
  for (ChunkInfo& info : manifest.chunks) {
    chunks.push_back(manifest.isInline()
                         ? manifest.inlineChunk
                         : QByteArray(static_cast<qsizetype>(info.storedBytes), '\0'));
    info.checksum =
        checksum64(chunks.back().constData(), static_cast<std::size_t>(chunks.back().size()));
  }
  return chunks;
}

void decodeChunks(Manifest manifest) {
  const std::vector<QByteArray> chunks = storedChunks(manifest);
  if (chunks.empty()) return;
  const Manifest header = manifest;
  QString error;
  std::optional<FeatureSet> features;
  try {
    ValueDecoder decoder(std::move(manifest));
    for (std::size_t i = 0; i < chunks.size(); ++i)
      if (!decoder.addChunk(static_cast<int>(i), chunks[i], &error)) return;
    features = decoder.finish(&error);
  } catch (const std::bad_alloc&) {
    return;  // what loadValue reports as "not enough memory"
  }
  if (!features)
    fuzz::failBroken(kTarget, QStringLiteral("every chunk added, yet no value: %1").arg(error));
  const auto rows = static_cast<Eigen::Index>(header.rows),
             cols = static_cast<Eigen::Index>(header.cols);
  if (features->matrix.rows() != rows || features->matrix.cols() != cols ||
      features->columns.size() != static_cast<qsizetype>(cols))
    fuzz::failBroken(kTarget,
                     QStringLiteral("decoded %1 x %2 (%3 names), the manifest says %4 x %5")
                         .arg(features->matrix.rows())
                         .arg(features->matrix.cols())
                         .arg(features->columns.size())
                         .arg(rows)
                         .arg(cols));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArrayView asStored(data, static_cast<qsizetype>(size));
  QString error;
  if (!decodeInlineValue(asStored, kMaxPayloadBytes, &error) && error.isEmpty())
    fuzz::failBroken(kTarget, QStringLiteral("refused without a reason"));

  const QByteArray sealed = withTrailerChecksum(data, size);
  std::optional<Manifest> manifest = parseManifest(sealed, kMaxPayloadBytes, &error);
  if (manifest) decodeChunks(std::move(*manifest));
  return 0;
}
