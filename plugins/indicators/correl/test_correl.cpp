// Pearson's correlation on hand-checked windows, TA-Lib's 0 for a constant side, missing values,
// tiny inputs, bad windows, and an exact two-pass computation in long double on data that
// defeats running sums (large levels with small noise, spikes leaving the window).
#include "correl.h"
#include "kernel_test.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace strata;
using namespace strata::testing;

namespace {

Series twoPassCorrelation(const Series& x, const Series& y, std::size_t w) {
  Series out(x.size(), N);
  for (std::size_t i = w - 1; i < x.size(); ++i) {
    long double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    for (std::size_t j = i + 1 - w; j <= i; ++j) mx += x[j], my += y[j];
    mx /= w, my /= w;
    for (std::size_t j = i + 1 - w; j <= i; ++j) {
      sxx += (x[j] - mx) * (x[j] - mx), syy += (y[j] - my) * (y[j] - my);
      sxy += (x[j] - mx) * (y[j] - my);
    }
    out[i] = static_cast<double>(sxy / std::sqrt(sxx * syy));
  }
  return out;
}

// x and a y that follows it partly: levels, noise and spikes by kind.
std::pair<Series, Series> nasty(int kind) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  Series x(2000), y(2000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double a = noise(random), b = noise(random);
    if (kind == 0) x[i] = 1e6 + 1.0 * a, y[i] = 2e6 + (a + b);  // levels 1e6, noise 1
    if (kind == 1) x[i] = (i % 500 == 250 ? 1e9 : 100.0) + a, y[i] = 50 + a - b;
  }
  return {x, y};
}

}  // namespace

class CorrelTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("x");
    QTest::addColumn<Series>("y");
    QTest::addColumn<Series>("expected");
    // [2, 3, 4] against [4, 6, 9]: 5 / sqrt(2 * 114 / 9).
    const Series x{1, 2, 3, 4};
    QTest::newRow("window 3") << 3 << x << Series{2, 4, 6, 9} << Series{N, N, 1, 15 / std::sqrt(228.0)};
    QTest::newRow("opposite") << 2 << x << Series{4, 3, 2, 1} << Series{N, -1, -1, -1};
    QTest::newRow("large levels") << 3 << Series{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4}
                                  << Series{2e9 + 2, 2e9 + 4, 2e9 + 6, 2e9 + 9} << Series{N, N, 1, 15 / std::sqrt(228.0)};
    QTest::newRow("constant side is 0 (TA-Lib)") << 2 << x << Series{5, 5, 5, 5} << Series{N, 0, 0, 0};
    QTest::newRow("NaN blanks its windows") << 2 << Series{1, N, 3, 4} << Series{4, 3, 2, 1} << Series{N, N, N, -1};
    QTest::newRow("inf on the other side blanks its windows") << 2 << x << Series{4, I, 2, 1} << Series{N, N, N, -1};
    QTest::newRow("window longer than n") << 3 << Series{1, 2} << Series{1, 2} << Series{N, N};
    QTest::newRow("two rows") << 2 << Series{1, 2} << Series{3, 5} << Series{N, 1};
    QTest::newRow("one row, window 1: no spread, 0") << 1 << Series{1} << Series{2} << Series{0};
    QTest::newRow("empty") << 30 << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 2} << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, x);
    QFETCH(Series, y);
    QFETCH(Series, expected);
    Series out(x.size(), kUnwritten);
    indicators::correl(x, y, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void exact_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("window");
    for (int window : {5, 30, 100}) {
      QTest::addRow("levels 1e6, window %d", window) << 0 << window;
      QTest::addRow("spikes of 1e9 leaving, window %d", window) << 1 << window;
    }
  }
  // Within 1e-9 (absolute: a correlation's scale is 1) of the two-pass value on every row.
  void exact() {
    QFETCH(int, kind);
    QFETCH(int, window);
    const auto [x, y] = nasty(kind);
    const Series expected = twoPassCorrelation(x, y, std::size_t(window));
    Series out(x.size(), kUnwritten);
    indicators::correl(x, y, window, out);
    for (std::size_t i = std::size_t(window) - 1; i < x.size(); ++i)
      QVERIFY2(std::abs(out[i] - expected[i]) <= 1e-9,
               qPrintable(QStringLiteral("row %1: %2, two-pass %3").arg(i).arg(out[i], 0, 'g', 17)
                              .arg(expected[i], 0, 'g', 17)));
  }
};

QTEST_GUILESS_MAIN(CorrelTest)
#include "test_correl.moc"
