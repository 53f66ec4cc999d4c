#pragma once
// Applies DataSettings::badRows to what readBarsCsv read from one file (see
// strata/csv_directory_source.h for the policies).
#include "strata/app_settings.h"
#include "strata/csv_bars.h"

namespace strata {

/// The usable bars of `read` under `policy`. Throws DataError when the file has no usable bars,
/// or under reject when any row is bad (naming every bad row, "file:line: reason"). The reader's
/// problems and what the policy did go to `warnings`.
Bars applyBadRowPolicy(CsvReadResult&& read, const QString& path, BadRowPolicy policy,
                       QStringList* warnings);

}  // namespace strata
