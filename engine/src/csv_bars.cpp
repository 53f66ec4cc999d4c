// The CSV bar reader. One pass over the file, memory-mapped when possible; numbers by
// std::from_chars; nothing allocated per field. Policy for bad rows (until reject/drop/repair
// policies exist): every row whose timestamp can be read is kept, with NaN for any field that
// is missing or not a number, and every problem is reported as "file:line: reason". A row is
// left out only when it has no readable timestamp or lacks some OHLCV field altogether, and that
// is reported too ("row skipped: ..."). Nothing is dropped silently, and the engine sees the
// hostile data as it is (inconsistent OHLC, negative volume, unsorted or duplicate timestamps).
#include "strata/csv_bars.h"

#include "strata/bounded_read.h"
#include "strata/time_format.h"

#include <QFile>
#include <QLocale>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace strata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A pipe or a device is read into memory (a regular file is mapped): bounded, so that
// /dev/zero or an endless pipe ends in an error. A bar's line is under 200 bytes.
constexpr ReadBounds kStreamedCsvBounds{qint64(1) << 30, qint64(1) << 20};
enum Field { kTime, kOpen, kHigh, kLow, kClose, kVolume, kFieldCount };
const char* const kFieldNames[] = {"timestamp", "open", "high", "low", "close", "volume"};

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsNoCase(std::string_view a, std::string_view lowerB) {
  if (a.size() != lowerB.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lowerAscii(a[i]) != lowerB[i]) return false;
  return true;
}

std::string_view trimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Blanks around the field, then the quotes, then blanks inside the quotes.
std::string_view trim(std::string_view s) {
  s = trimSpace(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = trimSpace(s.substr(1, s.size() - 2));
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

int fieldOf(std::string_view name) {
  for (std::string_view t : {"timestamp", "time", "date", "datetime", "ts"})
    if (equalsNoCase(name, t)) return kTime;
  for (int f = kOpen; f < kFieldCount; ++f)
    if (equalsNoCase(name, kFieldNames[f])) return f;
  return -1;
}

// Empty, or one of the usual spellings of "no value". A field that starts like a number is
// never one of them, which keeps the common path free of comparisons.
bool isMissing(std::string_view s) {
  if (s.empty()) return true;
  const char c = s.front();
  if ((c >= '0' && c <= '9') || c == '.' || c == '+') return false;
  if (c == '-') return s.size() > 1 && !(s[1] >= '0' && s[1] <= '9') && isMissing(s.substr(1));
  for (std::string_view t : {"nan", "na", "n/a", "null", "none", "#n/a"})
    if (equalsNoCase(s, t)) return true;
  return false;
}

std::optional<double> parseNumber(std::string_view s) {
  double v = 0;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// ISO-8601 (date, or date-time with optional fraction and Z / +hh:mm / -hh:mm; UTC when no
// offset), or a plain number of seconds / milliseconds / microseconds / nanoseconds since the
// epoch, told apart by magnitude: below 1e11 it is seconds (1e11 s is the year 5138), below
// 1e14 milliseconds (1e11 ms is 1973-03-03), below 1e17 microseconds, else nanoseconds. So
// epoch seconds work for all dates up to 5138 and milliseconds for 1973 onwards.
std::optional<Timestamp> parseTime(std::string_view s) {
  if (auto iso = parseIsoUtc(s)) return iso;
  const auto number = parseNumber(s);
  if (!number || !std::isfinite(*number)) return std::nullopt;
  const double v = *number, magnitude = std::abs(v);
  Timestamp t;
  if (magnitude < 1e11) t = static_cast<Timestamp>(std::llround(v * 1e6));
  else if (magnitude < 1e14) t = static_cast<Timestamp>(std::llround(v * 1e3));
  else if (magnitude < 1e17) t = static_cast<Timestamp>(std::llround(v));
  else if (magnitude < 9.2e18) t = static_cast<Timestamp>(std::llround(v / 1e3));  // nanoseconds
  else return std::nullopt;
  // The ISO texts' range (0001-01-01 to the end of 9999), so every bar can be written back.
  constexpr Timestamp kFirst = -62'135'596'800'000'000, kEnd = 253'402'300'800'000'000;
  if (t < kFirst || t >= kEnd) return std::nullopt;
  return t;
}

const QString kTimestampForms = QStringLiteral(
    " (expected a date of the years 0001-9999 as 2020-01-02 or 2020-01-02T03:04:05[.ffffff] with Z or an "
    "offset within +-18:00, or a number of seconds, ms, us or ns since 1970-01-01)");

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// The column of each OHLCV field from the header row. A field named twice ("close" twice, or
// "date" and "time") is refused: which one holds the bars cannot be told.
template <typename Report>
bool mapHeader(const std::vector<std::string_view>& fields, std::array<int, kFieldCount>& column, Report report) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const int f = fieldOf(fields[i]);
    if (f < 0) continue;
    int& at = column[static_cast<std::size_t>(f)];
    if (at >= 0) {
      report(QStringLiteral("the header names %1 twice ('%2' in column %3, '%4' in column %5)")
                 .arg(QString::fromLatin1(kFieldNames[f]), text(trimSpace(fields[static_cast<std::size_t>(at)])))
                 .arg(at + 1)
                 .arg(text(trimSpace(fields[i])))
                 .arg(i + 1));
      return false;
    }
    at = static_cast<int>(i);
  }
  return true;
}
QString number(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

}  // namespace

CsvReadResult readBarsCsv(const QString& path) {
  CsvReadResult result;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    result.problems << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
    result.problemLines.push_back(0);
    return result;
  }
  // Map the file when it is a regular non-empty file; read it otherwise (pipes, empty files).
  QByteArray bytes;
  std::string_view all;
  if (file.size() > 0) {
    if (const uchar* mapped = file.map(0, file.size()))
      all = std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(file.size()));
  }
  if (all.data() == nullptr) {
    QString error;
    std::optional<QByteArray> read = readBounded(file, kStreamedCsvBounds, &error);
    if (!read) {
      result.problems << QStringLiteral("%1: %2").arg(path, error);
      result.problemLines.push_back(0);
      return result;
    }
    bytes = std::move(*read);
    all = std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
  }
  if (all.size() >= 3 && all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);  // UTF-8 BOM
  // Lines end in \n or \r\n; a file with only \r (classic Mac) is split on \r.
  const char eol = (all.find('\n') == std::string_view::npos && all.find('\r') != std::string_view::npos) ? '\r' : '\n';

  auto problem = [&](qsizetype line, const QString& what) {
    result.problems << QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(what);
    result.problemLines.push_back(line);
  };

  std::array<int, kFieldCount> column{};
  column.fill(-1);
  std::size_t columnsExpected = 0;
  bool haveHeader = false;
  qsizetype headerLine = 0;
  std::vector<std::string_view> fields;
  std::vector<Timestamp> times;
  std::array<std::vector<double>, kFieldCount> values;
  const std::size_t guess = all.size() / 48;
  times.reserve(guess);
  result.lines.reserve(guess);
  for (int f = kOpen; f < kFieldCount; ++f) values[static_cast<std::size_t>(f)].reserve(guess);

  qsizetype lineNumber = 0;
  bool timestampFormsShown = false;
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find(eol, pos);
    if (end == std::string_view::npos) end = all.size();
    const std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (trimSpace(line).empty()) continue;
    split(line, fields);

    if (!haveHeader) {
      haveHeader = true;
      headerLine = lineNumber;
      if (parseTime(fields[0]) && fields.size() >= 6) {
        // No header: the conventional order.
        for (int f = 0; f < kFieldCount; ++f) column[static_cast<std::size_t>(f)] = f;
        columnsExpected = fields.size();
        problem(lineNumber, QStringLiteral("no header row; reading the columns as timestamp, open, "
                                           "high, low, close, volume"));
      } else {
        if (!mapHeader(fields, column, [&](const QString& what) { problem(lineNumber, what); })) return result;
        QStringList missing;
        for (int f = 0; f < kFieldCount; ++f)
          if (column[static_cast<std::size_t>(f)] < 0) missing << QString::fromLatin1(kFieldNames[f]);
        if (!missing.isEmpty()) {
          problem(lineNumber, QStringLiteral("missing column%1 %2 in the header '%3'")
                                  .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
                                       missing.join(QStringLiteral(", ")), text(trimSpace(line))));
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
      // The accepted forms once, on the first unreadable timestamp.
      problem(lineNumber, QStringLiteral("row skipped: cannot read the timestamp '%1'%2")
                              .arg(text(stamp), std::exchange(timestampFormsShown, true) ? QString() : kTimestampForms));
      continue;
    }
    double v[kFieldCount];
    for (int f = kOpen; f < kFieldCount; ++f) {
      const std::string_view s = fields[static_cast<std::size_t>(column[static_cast<std::size_t>(f)])];
      const auto parsed = isMissing(s) ? std::optional<double>(kNaN) : parseNumber(s);
      if (!parsed) {
        v[f] = kNaN;
        problem(lineNumber, QStringLiteral("%1 '%2' is not a number (kept as NaN)")
                                .arg(QLatin1String(kFieldNames[f]), text(s)));
        continue;
      }
      v[f] = *parsed;
      if (std::isnan(v[f]))
        problem(lineNumber, QStringLiteral("%1 is missing (kept as NaN)").arg(QLatin1String(kFieldNames[f])));
      else if (std::isinf(v[f]))
        problem(lineNumber, QStringLiteral("%1 is infinite").arg(QLatin1String(kFieldNames[f])));
    }
    if (v[kHigh] < std::max(v[kOpen], v[kClose]))
      problem(lineNumber, QStringLiteral("high %1 is below max(open, close) %2").arg(number(v[kHigh]), number(std::max(v[kOpen], v[kClose]))));
    if (v[kLow] > std::min(v[kOpen], v[kClose]))
      problem(lineNumber, QStringLiteral("low %1 is above min(open, close) %2").arg(number(v[kLow]), number(std::min(v[kOpen], v[kClose]))));
    if (v[kVolume] < 0) problem(lineNumber, QStringLiteral("volume %1 is negative").arg(number(v[kVolume])));
    if (!times.empty()) {
      if (*time == times.back())
        problem(lineNumber, QStringLiteral("duplicate timestamp %1").arg(isoUtc(*time)));
      else if (*time < times.back())
        problem(lineNumber, QStringLiteral("timestamp %1 is earlier than the row before (%2): not sorted")
                                .arg(isoUtc(*time), isoUtc(times.back())));
    }
    times.push_back(*time);
    result.lines.push_back(lineNumber);
    for (int f = kOpen; f < kFieldCount; ++f) values[static_cast<std::size_t>(f)].push_back(v[f]);
  }
  if (!haveHeader) {
    problem(1, QStringLiteral("the file is empty"));
    return result;
  }
  if (times.empty()) problem(headerLine, QStringLiteral("no bars after the header"));

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
