#pragma once
// Which columns an export writes and as what: the timestamp, the selected features (DOUBLE,
// FLOAT with float32 or from a float32 matrix, INT8 for crossover signals that hold only small integers), and the
// target (INT8, null where unknown). Shared by the CSV and Parquet writers.
#include "strata/export.h"

#include <cmath>
#include <span>
#include <vector>

namespace strata {

enum class ColumnKind { Time, Double, Float, Int8 };

struct ExportColumn {
  QString name;
  ColumnKind kind = ColumnKind::Double;
  bool nullable = false;             // NaN is written as null (Int8 only); else NaN is a value
  std::span<const double> values;    // float64 features and the target; empty for the timestamp
  std::span<const float> floats;     // float32 features (then `values` is empty)
  qsizetype featureIndex = -1;       // into FeatureSet::columns; -1 for timestamp and target

  /// fn(values) or fn(floats): the writers read a float32 matrix in place, with no double copy.
  template <typename Fn>
  decltype(auto) visit(Fn&& fn) const {
    if (!floats.empty()) return fn(floats);
    return fn(values);
  }
};

struct ExportPlan {
  std::vector<ExportColumn> columns;  // timestamp first
  qint64 rows = 0;
  std::span<const Timestamp> timestamps;
};

/// Which of `names` the glob `patterns` (whole names) select, and the patterns that match none.
struct ColumnSelection {
  std::vector<qsizetype> selected;  // indices into names, in order; every one when no pattern
  QStringList unmatched;
};
ColumnSelection selectColumns(const QStringList& names, const QStringList& patterns);
QString unmatchedPatternMessage(const QString& pattern);

/// Throws ExportError when a pattern matches no column or the set is inconsistent (row counts).
ExportPlan planExport(const FeatureSet& features, const ExportOptions& options);

/// True when every value is NaN or a whole number in [-128, 127].
template <typename Value>
bool holdsSmallIntegers(std::span<const Value> values) {
  for (Value v : values)
    if (!std::isnan(v) && !(v >= Value(-128) && v <= Value(127) && v == std::trunc(v))) return false;
  return true;
}

}  // namespace strata
