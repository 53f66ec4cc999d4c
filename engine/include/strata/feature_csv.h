#pragma once
// Writes a FeatureSet as CSV: header, ISO-8601 UTC timestamps, doubles in shortest round-trip
// form (std::to_chars), target last (empty where unknown). Streamed in blocks of rows, written
// to a temporary file that is renamed into place, so a failure never leaves a partial file or
// destroys an existing one.
#include "strata/pipeline.h"

#include <QString>

namespace strata {

struct CsvWriteOptions {
  char delimiter = ',';
  QString nanText = QStringLiteral("");
  bool includeTarget = true;
};

/// Returns an empty string on success, else a message naming the path and the problem.
QString writeFeatureCsv(const FeatureSet& features, const QString& path,
                        const CsvWriteOptions& options = {});

}  // namespace strata
