#include "strata/bounded_read.h"

#include <QFileInfo>

#include <algorithm>

namespace strata {
namespace {

QString sizeText(qint64 bytes) {
  return bytes % (1 << 20) == 0 ? QStringLiteral("%1 MiB").arg(bytes >> 20)
                                : QStringLiteral("%1 bytes").arg(bytes);
}

QString kindNote(const QFile& file) {
  return QFileInfo(file.fileName()).isFile() ? QString() : QStringLiteral(" (not a regular file)");
}

}  // namespace

std::optional<QByteArray> readBounded(const QString& path, const ReadBounds& bounds,
                                      QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read: %1").arg(file.errorString());
    return std::nullopt;
  }
  return readBounded(file, bounds, error);
}

std::optional<QByteArray> readBounded(QFile& file, const ReadBounds& bounds, QString* error) {
  const auto tooLarge = [&] {
    *error = QStringLiteral("is larger than the %1 accepted%2")
                 .arg(sizeText(bounds.maxBytes), kindNote(file));
    return std::nullopt;
  };
  if (!file.isSequential() && file.size() > bounds.maxBytes) return tooLarge();
  QByteArray bytes;
  qint64 line = 1, lineBytes = 0;
  constexpr qint64 kChunk = 64 * 1024;
  for (;;) {
    const qint64 at = bytes.size();
    // One byte past the bound tells "exactly the bound" from "more".
    const qint64 want = std::min(kChunk, bounds.maxBytes + 1 - at);
    bytes.resize(at + want);
    const qint64 got = file.read(bytes.data() + at, want);
    if (got < 0) {
      *error = QStringLiteral("cannot read: %1").arg(file.errorString());
      return std::nullopt;
    }
    bytes.resize(at + got);
    if (got == 0) return bytes;
    if (bytes.size() > bounds.maxBytes) return tooLarge();
    if (bounds.maxLineBytes <= 0) continue;
    for (qint64 i = at; i < bytes.size(); ++i) {
      if (bytes[i] == '\n') {
        ++line, lineBytes = 0;
      } else if (++lineBytes > bounds.maxLineBytes) {
        *error = QStringLiteral("line %1 is longer than the %2 accepted%3")
                     .arg(line)
                     .arg(sizeText(bounds.maxLineBytes), kindNote(file));
        return std::nullopt;
      }
    }
  }
}

}  // namespace strata
