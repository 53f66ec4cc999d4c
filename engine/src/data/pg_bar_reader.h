#pragma once
// Turns text rows of (ts, open, high, low, close, volume[, stored rows with missing values])
// from a libpqxx result into columnar Bars: no per-row objects, numbers by std::from_chars.
#include "strata/bars.h"

#include <QString>

#include <pqxx/result>
#include <pqxx/row>

#include <vector>

namespace strata::pg {

class BarReader {
 public:
  /// `where` names the source and symbol in messages; `hasMissingCount`: a 7th column counts the
  /// stored rows of an aggregated bucket that had NaN or NULL values.
  BarReader(QString where, bool hasMissingCount) : where_(std::move(where)), hasMissingCount_(hasMissingCount) {}

  /// Appends the rows of one FETCH. Throws DataError for a value that is not a number.
  void append(const pqxx::result& rows);
  Bars finish();
  /// Stored rows with a NaN or NULL value: how many, and the first one's timestamp and field.
  qint64 rowsWithMissing() const { return rowsWithMissing_; }
  QString firstMissing() const { return firstMissing_; }

 private:
  QString where_;
  bool hasMissingCount_;
  std::vector<Timestamp> timestamps_;
  std::vector<double> values_[5];
  qint64 rowsWithMissing_ = 0;
  QString firstMissing_;
};

}  // namespace strata::pg
