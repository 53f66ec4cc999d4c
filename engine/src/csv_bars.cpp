#include "strata/csv_bars.h"

#include "strata/time_format.h"

#include <QFile>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <vector>

namespace strata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
enum Field { kTime, kOpen, kHigh, kLow, kClose, kVolume, kFieldCount };
const char* const kFieldNames[] = {"timestamp", "open", "high", "low", "close", "volume"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// Splits one line on commas outside double quotes.
void split(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    else if (line[i] == ',' && !quoted) {
      fields.push_back(trim(line.substr(start, i - start)));
      start = i + 1;
    }
  }
  fields.push_back(trim(line.substr(start)));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int fieldOf(std::string_view name) {
  const std::string n = lower(name);
  if (n == "timestamp" || n == "time" || n == "date" || n == "datetime" || n == "ts") return kTime;
  for (int f = kOpen; f < kFieldCount; ++f)
    if (n == kFieldNames[f]) return f;
  return -1;
}

bool isMissing(std::string_view s) {
  const std::string n = lower(s);
  return n.empty() || n == "nan" || n == "na" || n == "null" || n == "none";
}

std::optional<double> parseNumber(std::string_view s) {
  double v = 0;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// ISO-8601, or epoch seconds / milliseconds / microseconds told apart by magnitude: 1e11 s is
// the year 5138 and 1e11 ms is 1973, so values up to 1e11 are seconds, up to 1e14 milliseconds.
std::optional<Timestamp> parseTime(std::string_view s) {
  if (auto iso = parseIsoUtc(s)) return iso;
  const auto number = parseNumber(s);
  if (!number || !std::isfinite(*number)) return std::nullopt;
  const double v = *number, magnitude = std::abs(v);
  if (magnitude < 1e11) return static_cast<Timestamp>(std::llround(v * 1e6));
  if (magnitude < 1e14) return static_cast<Timestamp>(std::llround(v * 1e3));
  if (magnitude < 1e17) return static_cast<Timestamp>(std::llround(v));
  return static_cast<Timestamp>(std::llround(v / 1e3));  // nanoseconds
}

}  // namespace

CsvReadResult readBarsCsv(const QString& path) {
  CsvReadResult result;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    result.problems << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
    return result;
  }
  const QByteArray bytes = file.readAll();
  const std::string_view text(bytes.constData(), static_cast<std::size_t>(bytes.size()));
  auto problem = [&](qsizetype line, const QString& what) {
    result.problems << QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(what);
  };

  std::array<int, kFieldCount> column{};
  column.fill(-1);
  std::size_t columnsExpected = 0;
  bool haveHeader = false;
  std::vector<std::string_view> fields;
  std::vector<Timestamp> times;
  std::array<std::vector<double>, kFieldCount> values;
  times.reserve(static_cast<std::size_t>(bytes.size() / 48));

  qsizetype lineNumber = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (trim(line).empty()) continue;
    split(line, fields);

    if (!haveHeader) {
      haveHeader = true;
      if (parseTime(fields[0]) && fields.size() >= 6) {
        // No header: the conventional order.
        for (int f = 0; f < kFieldCount; ++f) column[static_cast<std::size_t>(f)] = f;
        columnsExpected = fields.size();
        problem(lineNumber, QStringLiteral("no header row; reading the columns as timestamp, open, "
                                           "high, low, close, volume"));
      } else {
        for (std::size_t i = 0; i < fields.size(); ++i) {
          const int f = fieldOf(fields[i]);
          if (f >= 0 && column[static_cast<std::size_t>(f)] < 0) column[static_cast<std::size_t>(f)] = static_cast<int>(i);
        }
        QStringList missing;
        for (int f = 0; f < kFieldCount; ++f)
          if (column[static_cast<std::size_t>(f)] < 0) missing << QString::fromLatin1(kFieldNames[f]);
        if (!missing.isEmpty()) {
          problem(lineNumber, QStringLiteral("missing column%1 %2 in the header '%3'")
                                  .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
                                       missing.join(QStringLiteral(", ")),
                                       QString::fromUtf8(trim(line).data(), static_cast<qsizetype>(trim(line).size()))));
          return result;
        }
        columnsExpected = fields.size();
        continue;
      }
    }

    if (fields.size() != columnsExpected) {
      problem(lineNumber, QStringLiteral("%1 fields, the header has %2").arg(fields.size()).arg(columnsExpected));
      bool enough = true;
      for (int c : column) enough = enough && static_cast<std::size_t>(c) < fields.size();
      if (!enough) {
        problem(lineNumber, QStringLiteral("row skipped: it lacks some of the OHLCV fields"));
        continue;
      }
    }
    const std::string_view stamp = fields[static_cast<std::size_t>(column[kTime])];
    const auto time = parseTime(stamp);
    if (!time) {
      problem(lineNumber, QStringLiteral("row skipped: cannot read the timestamp '%1'")
                              .arg(QString::fromUtf8(stamp.data(), static_cast<qsizetype>(stamp.size()))));
      continue;
    }
    double v[kFieldCount];
    for (int f = kOpen; f < kFieldCount; ++f) {
      const std::string_view s = fields[static_cast<std::size_t>(column[static_cast<std::size_t>(f)])];
      if (isMissing(s)) {
        v[f] = kNaN;
        problem(lineNumber, QStringLiteral("%1 is missing (kept as NaN)").arg(QLatin1String(kFieldNames[f])));
        continue;
      }
      const auto number = parseNumber(s);
      if (!number) {
        v[f] = kNaN;
        problem(lineNumber, QStringLiteral("%1 '%2' is not a number (kept as NaN)")
                                .arg(QLatin1String(kFieldNames[f]),
                                     QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()))));
        continue;
      }
      v[f] = *number;
      if (!std::isfinite(v[f]))
        problem(lineNumber, QStringLiteral("%1 is infinite").arg(QLatin1String(kFieldNames[f])));
    }
    if (v[kHigh] < std::max(v[kOpen], v[kClose]))
      problem(lineNumber, QStringLiteral("high %1 is below max(open, close) %2").arg(v[kHigh]).arg(std::max(v[kOpen], v[kClose])));
    if (v[kLow] > std::min(v[kOpen], v[kClose]))
      problem(lineNumber, QStringLiteral("low %1 is above min(open, close) %2").arg(v[kLow]).arg(std::min(v[kOpen], v[kClose])));
    if (v[kVolume] < 0) problem(lineNumber, QStringLiteral("volume %1 is negative").arg(v[kVolume]));
    if (!times.empty()) {
      if (*time == times.back())
        problem(lineNumber, QStringLiteral("duplicate timestamp %1").arg(isoUtc(*time)));
      else if (*time < times.back())
        problem(lineNumber, QStringLiteral("timestamp %1 is earlier than the row before (%2): not sorted")
                                .arg(isoUtc(*time), isoUtc(times.back())));
    }
    times.push_back(*time);
    for (int f = kOpen; f < kFieldCount; ++f) values[static_cast<std::size_t>(f)].push_back(v[f]);
  }
  if (!haveHeader) {
    problem(1, QStringLiteral("the file is empty"));
    return result;
  }

  Bars bars;
  const auto n = static_cast<Eigen::Index>(times.size());
  bars.timestamps = std::move(times);
  Eigen::VectorXd* targets[] = {nullptr, &bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
  for (int f = kOpen; f < kFieldCount; ++f)
    *targets[f] = Eigen::Map<const Eigen::VectorXd>(values[static_cast<std::size_t>(f)].data(), n);
  result.bars = std::move(bars);
  return result;
}

}  // namespace strata
