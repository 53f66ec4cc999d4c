#pragma once
// Which columns an export writes and as what: the timestamp, the selected features (DOUBLE,
// FLOAT with float32, INT8 for crossover signals that hold only small integers), and the
// target (INT8, null where unknown). Shared by the CSV and Parquet writers.
#include "strata/export.h"

#include <span>
#include <vector>

namespace strata {

enum class ColumnKind { Time, Double, Float, Int8 };

struct ExportColumn {
  QString name;
  ColumnKind kind = ColumnKind::Double;
  bool nullable = false;             // NaN is written as null (Int8 only); else NaN is a value
  std::span<const double> values;    // empty for the timestamp
  qsizetype featureIndex = -1;       // into FeatureSet::columns; -1 for timestamp and target
};

struct ExportPlan {
  std::vector<ExportColumn> columns;  // timestamp first
  qint64 rows = 0;
  std::span<const Timestamp> timestamps;
};

/// Throws ExportError when a pattern matches no column or the set is inconsistent (row counts).
ExportPlan planExport(const FeatureSet& features, const ExportOptions& options);

/// True when every value is NaN or a whole number in [-128, 127].
bool holdsSmallIntegers(std::span<const double> values);

}  // namespace strata
