// The Ultimate Oscillator on hand-checked bars, the periods in any order, a flat series
// (TA-Lib's 0), missing values restarting the windows, tiny inputs, a period below 1, and a long
// series against window sums taken afresh on every row (the running sums are re-summed).
#include "kernel_test.h"
#include "ultosc.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace strata;
using namespace strata::testing;

class UltoscTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<QList<int>>("periods");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // (bp, tr) from row 1: (1, 2), (3, 3), (0.5, 5), (2.5, 3.5).
    const Series high{3, 4, 6, 2, 5}, low{1, 2, 5.5, 1, 2}, close{2, 3, 6, 1.5, 4};
    const double row3 = 100 * (4 * (0.5 / 5) + 2 * (3.5 / 8) + 4.5 / 10) / 7;
    const double row4 = 100 * (4 * (2.5 / 3.5) + 2 * (3 / 8.5) + 6 / 11.5) / 7;
    QTest::newRow("periods 1, 2, 3") << QList<int>{1, 2, 3} << high << low << close << Series{N, N, N, row3, row4};
    QTest::newRow("any order: sorted") << QList<int>{3, 1, 2} << high << low << close << Series{N, N, N, row3, row4};
    QTest::newRow("flat: zero range is 0") << QList<int>{1, 2, 3} << Series(5, 5.0) << Series(5, 5.0) << Series(5, 5.0)
                                           << Series{N, N, N, 0, 0};
    QTest::newRow("missing close restarts") << QList<int>{1, 1, 1} << high << low << Series{2, 3, N, 1.5, 4}
                                            << Series{N, 50, N, N, 100 * 2.5 / 3.5};
    QTest::newRow("inf high restarts") << QList<int>{1, 1, 1} << Series{3, 4, I, 2, 5} << low << close
                                       << Series{N, 50, N, N, 100 * 2.5 / 3.5};
    QTest::newRow("longest period longer than n") << QList<int>{1, 2, 5} << high << low << close << Series(5, N);
    QTest::newRow("two rows") << QList<int>{1, 1, 1} << Series{3, 4} << Series{1, 2} << Series{2, 3} << Series{N, 50};
    QTest::newRow("one row") << QList<int>{1, 1, 1} << Series{3} << Series{1} << Series{2} << Series{N};
    QTest::newRow("empty") << QList<int>{1, 1, 1} << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("period 0 refused: NaN") << QList<int>{0, 2, 3} << high << low << close << Series(5, N);
  }
  void golden() {
    QFETCH(QList<int>, periods);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::ultosc(high, low, close, periods[0], periods[1], periods[2], out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void longSeriesEqualsFreshSums() {
    // 5000 random bars with one huge spike: the running sums must forget it once it has left.
    std::mt19937 random(7);
    std::uniform_real_distribution<double> move(-1.0, 1.0);
    const std::size_t n = 5000;
    Series high(n), low(n), close(n);
    double price = 100;
    for (std::size_t i = 0; i < n; ++i) {
      price += move(random);
      close[i] = price;
      high[i] = price + 1 + move(random);
      low[i] = price - 1 - move(random);
    }
    high[100] = 1e12;
    Series out(n, kUnwritten);
    indicators::ultosc(high, low, close, 7, 14, 28, out);
    auto average = [&](std::size_t i, std::size_t k) {
      double bp = 0, tr = 0;
      for (std::size_t j = i + 1 - k; j <= i; ++j) {
        bp += close[j] - std::min(low[j], close[j - 1]);
        tr += std::max({high[j] - low[j], std::abs(high[j] - close[j - 1]), std::abs(low[j] - close[j - 1])});
      }
      return bp / tr;
    };
    for (std::size_t i = 28; i < n; ++i) {
      const double expected = 100 * (4 * average(i, 7) + 2 * average(i, 14) + average(i, 28)) / 7;
      QVERIFY2(same(out[i], expected, 1e-9),
               qPrintable(QStringLiteral("row %1: %2 vs %3").arg(i).arg(out[i], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
  }
};

QTEST_GUILESS_MAIN(UltoscTest)
#include "test_ultosc.moc"
