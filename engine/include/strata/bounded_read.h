#pragma once
// Reading the whole of a file the user named: a device (/dev/zero), a pipe or an absurdly large
// file must end in a clear error, never in reading until memory runs out.
#include "strata/visibility.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <optional>

namespace strata {

/// The most YAML text (a pipeline config, the settings file) Strata reads or parses: far above
/// any real config (the default pipeline is 2 KB), far below what would exhaust memory.
inline constexpr qint64 kMaxYamlBytes = qint64(16) << 20;

struct STRATA_ENGINE_EXPORT ReadBounds {
  qint64 maxBytes = kMaxYamlBytes;  // the whole input
  qint64 maxLineBytes = 0;          // one line, when > 0: refuses /dev/zero after one line's worth
};

/// All bytes of `path`, of any kind (regular file, pipe, device), or nullopt with `error` saying
/// why ("cannot read: ...", "is larger than 16 MiB", "line 1 is longer than 1 MiB"), without the
/// path (the caller names it).
STRATA_ENGINE_EXPORT std::optional<QByteArray> readBounded(const QString& path,
                                                           const ReadBounds& bounds,
                                                           QString* error);
/// The same for a file already open for reading.
STRATA_ENGINE_EXPORT std::optional<QByteArray> readBounded(QFile& file, const ReadBounds& bounds,
                                                           QString* error);

}  // namespace strata
