// TRIMA on hand-checked series (triangular weights 1, 2, .., 2, 1 for odd and even windows),
// missing values, tiny inputs, bad windows; and against direct triangular weights in long double.
#include "kernel_test.h"
#include "trima.h"

#include <QTest>

#include <random>

using namespace strata;
using namespace strata::testing;

class TrimaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    const Series doubling{1, 2, 4, 8, 16};
    QTest::newRow("odd window: weights 1 2 1") << 3 << doubling << Series{N, N, 9.0 / 4, 18.0 / 4, 9};
    QTest::newRow("even window: weights 1 2 2 1") << 4 << doubling << Series{N, N, N, 21.0 / 6, 7};
    QTest::newRow("window 2 is the mean of two") << 2 << doubling << Series{N, 1.5, 3, 6, 12};
    QTest::newRow("window 1 is the input") << 1 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("NaN blanks every window holding it") << 3 << Series{1, N, 4, 8, 16, 32} << Series{N, N, N, N, 9, 18};
    QTest::newRow("inf counts as missing") << 3 << Series{1, I, 4, 8, 16, 32} << Series{N, N, N, N, 9, 18};
    QTest::newRow("window longer than n") << 4 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{3};
    QTest::newRow("two rows") << 2 << Series{3, 5} << Series{N, 4};
    QTest::newRow("empty") << 3 << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::trima(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void matchesTriangularWeights() {
    std::mt19937_64 random(5);
    std::normal_distribution<double> step(0.0, 1.0);
    Series price(300);
    double level = 150.0;
    for (double& p : price) p = level += step(random);
    for (int window : {3, 4, 29, 30, 131, 300}) {
      const auto w = static_cast<std::size_t>(window);
      // Weight of the k-th oldest row: min(k + 1, w - k, rising limit), normalised.
      const std::size_t top = (w + 1) / 2;
      Series out(price.size(), kUnwritten), expected(price.size(), N);
      for (std::size_t i = w - 1; i < price.size(); ++i) {
        long double sum = 0, weights = 0;
        for (std::size_t k = 0; k < w; ++k) {
          const auto weight = static_cast<long double>(std::min({k + 1, w - k, top}));
          sum += weight * price[i + 1 - w + k];
          weights += weight;
        }
        expected[i] = static_cast<double>(sum / weights);
      }
      indicators::trima(price, window, out);
      const QString difference = compareSeries(out, expected);
      QVERIFY2(difference.isEmpty(), qPrintable(QStringLiteral("window %1: %2").arg(window).arg(difference)));
    }
  }
};

QTEST_GUILESS_MAIN(TrimaTest)
#include "test_trima.moc"
