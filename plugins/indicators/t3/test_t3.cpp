// T3 on hand-checked series (exact fractions of six chained SMA-seeded EMAs), its coefficients
// summing to 1, missing values, tiny inputs and the smallest window; the loop for clean input
// against the steps.
#include "kernel_test.h"
#include "t3.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace strata;
using namespace strata::testing;

class T3Test : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("volumeFactor");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    const Series doubling{1, 2, 4, 8, 16, 32, 64, 128};
    QTest::newRow("window 2, v 0.7") << 2 << 0.7 << doubling
                                     << Series{N, N, N, N, N, N, 48.584630290098055, 97.10907053464072};
    // v = 0: t3 is the third EMA, but still from row 6 (c1 * e6 is NaN before e6 starts).
    QTest::newRow("v 0 is the third EMA") << 2 << 0.0 << Series{1, 2, 4, 8, 16, 32, 64}
                                          << Series{N, N, N, N, N, N, 32.74554183813443};
    QTest::newRow("window 1 is the input (coefficients sum to 1)") << 1 << 0.7 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("constant is the constant") << 2 << 0.7 << Series{4, 4, 4, 4, 4, 4, 4, 4}
                                              << Series{N, N, N, N, N, N, 4, 4};
    QTest::newRow("NaN after the seed") << 1 << 0.7 << Series{2, N, 7} << Series{2, N, 7};
    QTest::newRow("inf counts as missing") << 1 << 0.7 << Series{2, I, 7} << Series{2, N, 7};
    QTest::newRow("window longer than n") << 3 << 0.7 << Series{1, 2, 3, 4} << Series{N, N, N, N};
    QTest::newRow("one row") << 1 << 0.7 << Series{3} << Series{3};
    QTest::newRow("empty") << 5 << 0.7 << Series{} << Series{};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(double, volumeFactor);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::t3(in, window, volumeFactor, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  // Past the warm-up, a series without missing values takes a loop without the steps' checks:
  // the same bits as the steps, which a missing value at the end forces for the whole tail.
  void fastPathIsTheSteps() {
    std::mt19937_64 random(3);
    std::normal_distribution<double> step(0.0, 1.0);
    Series clean(300);
    double level = 100.0;
    for (double& p : clean) p = level += step(random);
    Series withMissingEnd = clean;
    withMissingEnd.back() = N;
    Series fast(clean.size(), kUnwritten), steps(clean.size(), kUnwritten);
    indicators::t3(clean, 5, 0.7, fast);
    indicators::t3(withMissingEnd, 5, 0.7, steps);
    QVERIFY(std::isnan(steps.back()));
    for (std::size_t i = 0; i + 1 < clean.size(); ++i)
      QVERIFY2(std::memcmp(&fast[i], &steps[i], sizeof(double)) == 0, qPrintable(QStringLiteral("row %1").arg(i)));
  }
};

QTEST_GUILESS_MAIN(T3Test)
#include "test_t3.moc"
