#include "pg_bar_reader.h"

#include "strata/data_source.h"
#include "strata/time_format.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

namespace strata::pg {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const char* const kColumnNames[] = {"ts", "open", "high", "low", "close", "volume"};

std::string_view text(const pqxx::field& field) { return {field.c_str(), field.size()}; }

/// PostgreSQL writes float8 as shortest round-trip decimals, "NaN", "Infinity", "-Infinity".
bool parseDouble(std::string_view s, double* value) {
  if (s == "NaN") {
    *value = kNaN;
    return true;
  }
  if (s == "Infinity" || s == "-Infinity") {
    *value = s[0] == '-' ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
    return true;
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *value);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

void BarReader::append(const pqxx::result& rows) {
  const auto n = static_cast<std::size_t>(rows.size());
  timestamps_.reserve(timestamps_.size() + n);
  for (auto& column : values_) column.reserve(column.size() + n);
  for (const pqxx::row& row : rows) {
    const auto ts = parseIsoUtc(text(row[0]));
    if (row[0].is_null() || !ts)
      throw DataError(QStringLiteral("%1: unreadable timestamp '%2'")
                          .arg(where_, QString::fromUtf8(row[0].c_str())).toStdString());
    timestamps_.push_back(*ts);
    const char* missingField = nullptr;
    for (int f = 0; f < 5; ++f) {
      const pqxx::field field = row[f + 1];
      double value = kNaN;
      if (!field.is_null() && !parseDouble(text(field), &value))
        throw DataError(QStringLiteral("%1: %2 at %3: '%4' is not a number")
                            .arg(where_, QLatin1String(kColumnNames[f + 1]), isoUtc(*ts),
                                 QString::fromUtf8(field.c_str()))
                            .toStdString());
      if (std::isnan(value) && !missingField) missingField = kColumnNames[f + 1];
      values_[f].push_back(value);
    }
    if (hasMissingCount_) {
      const qint64 storedMissing = row[6].as<qint64>(0);
      if (storedMissing > 0 && firstMissing_.isEmpty())
        firstMissing_ = QStringLiteral("in the bucket starting %1").arg(isoUtc(*ts));
      rowsWithMissing_ += storedMissing;
    } else if (missingField) {
      if (firstMissing_.isEmpty())
        firstMissing_ = QStringLiteral("%1 at %2").arg(QLatin1String(missingField), isoUtc(*ts));
      ++rowsWithMissing_;
    }
  }
}

Bars BarReader::finish() {
  Bars bars;
  const auto n = static_cast<Eigen::Index>(timestamps_.size());
  bars.timestamps = std::move(timestamps_);
  Eigen::VectorXd* targets[] = {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
  for (int f = 0; f < 5; ++f) {
    *targets[f] = Eigen::Map<const Eigen::VectorXd>(values_[f].data(), n);
    std::vector<double>().swap(values_[f]);
  }
  return bars;
}

}  // namespace strata::pg
