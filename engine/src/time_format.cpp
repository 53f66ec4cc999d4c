#include "strata/time_format.h"

#include <cstdio>

namespace strata {
namespace {

// Days since 1970-01-01 <-> civil date (proleptic Gregorian), after H. Hinnant's algorithms.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<std::int64_t>(yoe) + era * 400 + (*m <= 2);
}

void put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

// Exactly `count` ASCII digits (from_chars alone would take a sign: "-1" as an hour).
bool digits(std::string_view s, std::size_t pos, std::size_t count, int* value) {
  if (pos + count > s.size()) return false;
  *value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    *value = *value * 10 + (s[i] - '0');
  }
  return true;
}

bool validDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  // Year 0 (1 BC) is refused: PostgreSQL and most tools have no year 0.
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// UTC offsets in use span -12:00 to +14:00; +-18:00 is the widest any library accepts.
constexpr int kMaxOffsetMinutes = 18 * 60;

}  // namespace

int formatIsoUtc(Timestamp t, char* out) {
  constexpr Timestamp kDay = 86'400'000'000;
  Timestamp days = t / kDay, rest = t % kDay;
  if (rest < 0) {
    rest += kDay;
    --days;
  }
  std::int64_t y;
  unsigned m, d;
  civilFromDays(days, &y, &m, &d);
  const auto secs = static_cast<unsigned>(rest / 1'000'000);
  const auto micros = static_cast<unsigned>(rest % 1'000'000);
  const int len = std::snprintf(out, 8, "%04lld", static_cast<long long>(y));
  char* p = out + len;
  *p++ = '-';
  put2(p, m);
  p += 2;
  *p++ = '-';
  put2(p, d);
  p += 2;
  *p++ = 'T';
  put2(p, secs / 3600);
  p += 2;
  *p++ = ':';
  put2(p, secs / 60 % 60);
  p += 2;
  *p++ = ':';
  put2(p, secs % 60);
  p += 2;
  if (micros) {
    *p++ = '.';
    for (int k = 5; k >= 0; --k) {
      unsigned div = 1;
      for (int j = 0; j < k; ++j) div *= 10;
      *p++ = static_cast<char>('0' + micros / div % 10);
    }
  }
  *p++ = 'Z';
  return static_cast<int>(p - out);
}

QString isoUtc(Timestamp t) {
  char buf[40];
  return QString::fromLatin1(buf, formatIsoUtc(t, buf));
}

std::optional<Timestamp> parseIsoUtc(std::string_view s) {
  int y, mo, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, &y) ||
      !digits(s, 5, 2, &mo) || !digits(s, 8, 2, &d))
    return std::nullopt;
  if (!validDate(y, mo, d)) return std::nullopt;
  Timestamp t = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) *
                86'400'000'000;
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  int h, mi, sec = 0;
  if (!digits(s, 11, 2, &h) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, &mi))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, &sec)) return std::nullopt;
    pos += 3;
  }
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  t += (static_cast<Timestamp>(h) * 3600 + mi * 60 + sec) * 1'000'000;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    Timestamp frac = 0, scale = 100'000;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      frac += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
    t += frac;
  }
  if (pos == s.size()) return t;
  if (s[pos] == 'Z' && pos + 1 == s.size()) return t;
  // +hh:mm, or +hh alone (ISO 8601; PostgreSQL writes UTC as "+00").
  const bool hoursOnly = s.size() == pos + 3;
  if ((s[pos] == '+' || s[pos] == '-') && (hoursOnly || (s.size() == pos + 6 && s[pos + 3] == ':'))) {
    int oh, om = 0;
    if (!digits(s, pos + 1, 2, &oh) || (!hoursOnly && !digits(s, pos + 4, 2, &om))) return std::nullopt;
    if (om > 59 || oh * 60 + om > kMaxOffsetMinutes) return std::nullopt;
    const Timestamp offset = (static_cast<Timestamp>(oh) * 3600 + om * 60) * 1'000'000;
    return s[pos] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

}  // namespace strata
