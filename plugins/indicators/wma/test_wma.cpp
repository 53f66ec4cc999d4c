// WMA on hand-checked series (weights 1 .. window, newest heaviest), missing values, tiny inputs,
// bad windows; and against a direct long-double sum on a random walk, across block edges and on
// both summation paths (plain and compensated, window_sums.h).
#include "kernel_test.h"
#include "wma.h"

#include <QTest>

#include <random>

using namespace strata;
using namespace strata::testing;

class WmaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    QTest::newRow("window 3") << 3 << Series{1, 2, 3, 4, 5} << Series{N, N, 14.0 / 6, 20.0 / 6, 26.0 / 6};
    QTest::newRow("window 2, newest weighs twice") << 2 << Series{3, 0, 6} << Series{N, 1, 4};
    QTest::newRow("window 1 is the input") << 1 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("equal values give the value") << 3 << Series{0.1, 0.1, 0.1, 0.1} << Series{N, N, 0.1, 0.1};
    QTest::newRow("NaN blanks its windows") << 2 << Series{1, N, 3, 5} << Series{N, N, N, 13.0 / 3};
    QTest::newRow("inf blanks its windows") << 2 << Series{1, I, 3, 5} << Series{N, N, N, 13.0 / 3};
    QTest::newRow("-inf blanks its windows") << 2 << Series{1, 3, -I, 5, 5} << Series{N, 7.0 / 3, N, N, 5};
    QTest::newRow("window longer than n") << 4 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{4} << Series{4};
    QTest::newRow("two rows") << 2 << Series{4, 1} << Series{N, 2};
    QTest::newRow("empty") << 3 << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 2} << Series{N, N};
    QTest::newRow("negative window refused: NaN") << -3 << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::wma(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void matchesDirectSum() {
    std::mt19937_64 random(11);
    std::normal_distribution<double> step(0.0, 1.0);
    Series price(400);
    double level = 2500.0;
    for (double& p : price) p = level += step(random);
    for (int window : {2, 3, 7, 64, 65, 70, 399, 400}) {
      Series out(price.size(), kUnwritten), expected(price.size(), N);
      const auto w = static_cast<std::size_t>(window);
      for (std::size_t i = w - 1; i < price.size(); ++i) {
        long double sum = 0;
        for (std::size_t k = 0; k < w; ++k) sum += static_cast<long double>(k + 1) * price[i + 1 - w + k];
        expected[i] = static_cast<double>(sum / (static_cast<long double>(w) * (w + 1) / 2));
      }
      indicators::wma(price, window, out);
      const QString difference = compareSeries(out, expected);
      QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("window %1: %2").arg(window).arg(difference)));
    }
  }
};

QTEST_GUILESS_MAIN(WmaTest)
#include "test_wma.moc"
