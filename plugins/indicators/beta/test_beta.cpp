// Beta of returns on hand-checked windows, TA-Lib's 0 returns after a zero and 0 for a flat
// first side, missing values, tiny inputs, bad windows, and an exact two-pass computation in
// long double on returns that defeat running sums.
#include "beta.h"
#include "kernel_test.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace strata;
using namespace strata::testing;

namespace {

Series twoPassBeta(const Series& x, const Series& y, std::size_t w) {
  Series out(x.size(), N);
  for (std::size_t i = w; i < x.size(); ++i) {
    std::vector<long double> rx, ry;
    for (std::size_t j = i + 1 - w; j <= i; ++j) {
      rx.push_back(static_cast<long double>(x[j]) / x[j - 1] - 1);
      ry.push_back(static_cast<long double>(y[j]) / y[j - 1] - 1);
    }
    long double mx = 0, my = 0, sxx = 0, sxy = 0;
    for (std::size_t k = 0; k < w; ++k) mx += rx[k], my += ry[k];
    mx /= w, my /= w;
    for (std::size_t k = 0; k < w; ++k) sxx += (rx[k] - mx) * (rx[k] - mx), sxy += (rx[k] - mx) * (ry[k] - my);
    out[i] = -1e-8L < w * sxx && w * sxx < 1e-8L ? 0.0 : static_cast<double>(sxy / sxx);  // TA-Lib's zero
  }
  return out;
}

// Two price paths whose returns are correlated; kind 1 on a large level with returns of a
// strong drift and small noise (their mean cancels in a one-pass sum of squares).
std::pair<Series, Series> paths(int kind) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  const double level = kind == 0 ? 100.0 : 1e6, step = kind == 0 ? 0.01 : 1e-4;
  const double drift = kind == 0 ? 0.0 : 1e-2;
  Series x(2000), y(2000);
  x[0] = level, y[0] = level / 2;
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double a = noise(random), b = noise(random);
    x[i] = x[i - 1] * (1 + drift + step * a), y[i] = y[i - 1] * (1 + drift + step * (1.5 * a + b));
  }
  return {x, y};
}

}  // namespace

class BetaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("x");
    QTest::addColumn<Series>("y");
    QTest::addColumn<Series>("expected");
    // x returns 0.1, -0.1, 0.1, -0.1; y returns 0.2, -0.2, 0.3, -0.2.
    const Series x{100, 110, 99, 108.9, 98.01}, y{50, 60, 48, 62.4, 49.92};
    QTest::newRow("window 2") << 2 << x << y << Series{N, N, 2, 2.5, 2.5};
    // Row 3: sum rx (ry - 0.1) = 0.06 over sum (rx - 0.1 / 3)^2 = 0.08 / 3.
    QTest::newRow("window 3") << 3 << x << y << Series{N, N, N, 2.25, 2.5};
    QTest::newRow("flat first side is 0 (TA-Lib)") << 2 << Series{5, 5, 5, 5, 5} << y << Series{N, N, 0, 0, 0};
    QTest::newRow("window 1 has no spread: 0") << 1 << x << y << Series{N, 0, 0, 0, 0};
    QTest::newRow("return after a zero is 0 (TA-Lib)") << 2 << Series{0, 1, 2, 3} << Series{1, 1, 3, 4.5}
                                                      << Series{N, N, 2, 3};
    QTest::newRow("NaN blanks the windows of its returns") << 2 << Series{100, N, 99, 108.9, 98.01} << y
                                                           << Series{N, N, N, N, 2.5};
    QTest::newRow("inf blanks the windows of its returns") << 2 << x << Series{50, I, 48, 62.4, 49.92}
                                                           << Series{N, N, N, N, 2.5};
    QTest::newRow("window longer than the returns") << 2 << Series{1, 2} << Series{1, 2} << Series{N, N};
    QTest::newRow("two rows, window 1: no spread, 0") << 1 << Series{1, 2} << Series{1, 3} << Series{N, 0};
    QTest::newRow("one row") << 1 << Series{1} << Series{2} << Series{N};
    QTest::newRow("empty") << 5 << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 2} << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, x);
    QFETCH(Series, y);
    QFETCH(Series, expected);
    Series out(x.size(), kUnwritten);
    indicators::beta(x, y, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void exact_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("window");
    for (int window : {5, 60}) {
      QTest::addRow("returns of 1%%, window %d", window) << 0 << window;
      QTest::addRow("returns of 1%% +- 1e-4 on 1e6, window %d", window) << 1 << window;
    }
  }
  // Within 1e-9 relative (to the beta or 1, whichever is larger) of the two-pass value.
  void exact() {
    QFETCH(int, kind);
    QFETCH(int, window);
    const auto [x, y] = paths(kind);
    const Series expected = twoPassBeta(x, y, std::size_t(window));
    Series out(x.size(), kUnwritten);
    indicators::beta(x, y, window, out);
    for (std::size_t i = std::size_t(window); i < x.size(); ++i)
      QVERIFY2(std::abs(out[i] - expected[i]) <= 1e-9 * std::max(1.0, std::abs(expected[i])),
               qPrintable(QStringLiteral("row %1: %2, two-pass %3").arg(i).arg(out[i], 0, 'g', 17)
                              .arg(expected[i], 0, 'g', 17)));
  }
};

QTEST_GUILESS_MAIN(BetaTest)
#include "test_beta.moc"
