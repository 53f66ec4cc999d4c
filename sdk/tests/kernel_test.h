#pragma once
// What the kernel tests of the SDK and of each plugin share: series as vectors, comparison at
// 1e-12 relative (NaN equals NaN, infinities exactly), and a printable series for messages.
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace strata::testing {

using Series = std::vector<double>;

inline constexpr double N = std::numeric_limits<double>::quiet_NaN();
inline constexpr double I = std::numeric_limits<double>::infinity();
/// Written into outputs before a kernel runs: a row still holding it was never written.
inline constexpr double kUnwritten = -12345.0;

inline bool same(double a, double b, double relative = 1e-12) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::abs(a - b) <= relative * std::max({1.0, std::abs(a), std::abs(b)});
}

inline QString show(const Series& s) {
  QStringList parts;
  for (double v : s) parts << QString::number(v, 'g', 17);
  return parts.join(QStringLiteral(", "));
}

/// "" when every row is the same, else what differs (for QVERIFY2).
inline QString compareSeries(const Series& got, const Series& expected) {
  if (got.size() != expected.size())
    return QStringLiteral("%1 rows, expected %2").arg(got.size()).arg(expected.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!same(got[i], expected[i]))
      return QStringLiteral("row %1: got [%2], expected [%3]").arg(i).arg(show(got), show(expected));
  return {};
}

}  // namespace strata::testing

/// Fails the QtTest with the first row where `got` and `expected` differ.
#define STRATA_VERIFY_SERIES(got, expected)                                        \
  do {                                                                             \
    const QString difference_ = strata::testing::compareSeries((got), (expected)); \
    QVERIFY2(difference_.isEmpty(), qPrintable(difference_));                      \
  } while (false)

Q_DECLARE_METATYPE(strata::testing::Series)
