// Slow stochastic on hand-checked bars: fast %K averaged twice, both lines from slow %D's first
// row (TA-Lib), either average per line, missing values, tiny inputs and bad windows.
#include "kernel_test.h"
#include "stoch.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

Q_DECLARE_METATYPE(strata::kernels::MovingAverage)

class StochTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("kWindow");
    QTest::addColumn<int>("slowKWindow");
    QTest::addColumn<kernels::MovingAverage>("slowKKind");
    QTest::addColumn<int>("slowDWindow");
    QTest::addColumn<kernels::MovingAverage>("slowDKind");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("k");
    QTest::addColumn<Series>("d");
    const auto sma = kernels::MovingAverage::Sma, ema = kernels::MovingAverage::Ema;
    // high {3, 5, 4, 6}, low {1, 2, 0, 3} below: fast %K of 2 bars {N, 75, 20, 500/6}.
    const Series close{2, 4, 1, 5};
    const double k2 = (20 + 500.0 / 6) / 2;
    QTest::newRow("slow %D of 1 is slow %K")
        << 2 << 2 << sma << 1 << sma << close << Series{N, N, 47.5, k2} << Series{N, N, 47.5, k2};
    QTest::newRow("slow %D of 2") << 2 << 2 << sma << 2 << sma << close << Series{N, N, N, k2}
                                  << Series{N, N, N, (47.5 + k2) / 2};
    // Slow %K as an EMA of 2 (alpha 2/3): seeded 47.5, then 47.5 / 3 + 2/3 * 250/3.
    QTest::newRow("EMA slow %K") << 2 << 2 << ema << 1 << sma << close
                                 << Series{N, N, 47.5, 642.5 / 9} << Series{N, N, 47.5, 642.5 / 9};
    QTest::newRow("EMA slow %D") << 2 << 1 << sma << 2 << ema << close
                                 << Series{N, N, 20, 500.0 / 6} << Series{N, N, 47.5, 642.5 / 9};
    QTest::newRow("missing close blanks the SMA windows")
        << 2 << 2 << sma << 1 << sma << Series{2, 4, N, 5} << Series{N, N, N, N}
        << Series{N, N, N, N};
    QTest::newRow("inf close is NaN")
        << 1 << 1 << sma << 1 << sma << Series{2, I, 1, 5} << Series{50, N, 25, 200.0 / 3}
        << Series{50, N, 25, 200.0 / 3};
    QTest::newRow("windows longer than n")
        << 2 << 2 << sma << 2 << sma << Series{2, 4, 1} << Series{N, N, N} << Series{N, N, N};
    QTest::newRow("empty") << 5 << 3 << sma << 3 << sma << Series{} << Series{} << Series{};
    QTest::newRow("%K window 0 refused: NaN")
        << 0 << 1 << sma << 1 << sma << close << Series{N, N, N, N} << Series{N, N, N, N};
  }
  void golden() {
    QFETCH(int, kWindow);
    QFETCH(int, slowKWindow);
    QFETCH(kernels::MovingAverage, slowKKind);
    QFETCH(int, slowDWindow);
    QFETCH(kernels::MovingAverage, slowDKind);
    QFETCH(Series, close);
    QFETCH(Series, k);
    QFETCH(Series, d);
    const Series high = Series{3, 5, 4, 6}, low = Series{1, 2, 0, 3};
    const std::size_t n = close.size();
    const Series h(high.begin(), high.begin() + long(n)), l(low.begin(), low.begin() + long(n));
    Series slowK(n, kUnwritten), slowD(n, kUnwritten);
    indicators::stoch(h, l, close, kWindow, {slowKWindow, slowKKind}, {slowDWindow, slowDKind},
                      slowK, slowD);
    STRATA_VERIFY_SERIES(slowK, k);
    STRATA_VERIFY_SERIES(slowD, d);
  }
  void oneAndTwoRows() {
    Series k(1, kUnwritten), d(1, kUnwritten);
    indicators::stoch(Series{3}, Series{1}, Series{2}, 1, {1, kernels::MovingAverage::Sma},
                      {1, kernels::MovingAverage::Ema}, k, d);
    STRATA_VERIFY_SERIES(k, (Series{50}));
    STRATA_VERIFY_SERIES(d, (Series{50}));
    Series k2(2, kUnwritten), d2(2, kUnwritten);
    indicators::stoch(Series{3, 5}, Series{1, 2}, Series{2, 4}, 2, {1, kernels::MovingAverage::Sma},
                      {1, kernels::MovingAverage::Sma}, k2, d2);
    STRATA_VERIFY_SERIES(k2, (Series{N, 75}));
    STRATA_VERIFY_SERIES(d2, (Series{N, 75}));
  }
};

QTEST_GUILESS_MAIN(StochTest)
#include "test_stoch.moc"
