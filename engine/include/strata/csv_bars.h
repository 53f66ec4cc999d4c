#pragma once
// Reads OHLCV bars from a CSV file: header row naming timestamp/date/time, open, high, low,
// close, volume (any order, case-insensitive, extra columns ignored); timestamps ISO-8601
// (date or date-time, UTC unless an offset is given) or epoch seconds/milliseconds.
// Every bad row is reported as "file:line: reason"; rows are never silently dropped.
#include "strata/visibility.h"
#include "strata/bars.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace strata {

struct STRATA_ENGINE_EXPORT CsvReadResult {
  std::optional<Bars> bars;   // empty when the file cannot be used at all
  QStringList problems;       // "file:line: reason", for every row that was wrong
  std::vector<qsizetype> problemLines;  // the line of each problem (0: the file as a whole)
  std::vector<qsizetype> lines;         // the file line each bar came from (bad-row policies)
};

STRATA_ENGINE_EXPORT CsvReadResult readBarsCsv(const QString& path);

/// Writes bars as "timestamp,open,high,low,close,volume" with ISO-8601 UTC timestamps and
/// shortest round-trip numbers, so readBarsCsv gives back the same bits. An existing file is
/// replaced only when the whole write succeeded. Returns "" or "path: reason".
STRATA_ENGINE_EXPORT QString writeBarsCsv(const Bars& bars, const QString& path);

}  // namespace strata
