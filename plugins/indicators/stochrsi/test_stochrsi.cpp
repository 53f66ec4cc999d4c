// Stochastic RSI on hand-checked closes: Wilder's RSI of 1 bar is 100 on a rise and 0 on a
// fall, so its %K is checkable by eye; TA-Lib's 0 on a zero range, missing values, tiny
// inputs and bad windows.
#include "kernel_test.h"
#include "stochrsi.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

Q_DECLARE_METATYPE(strata::kernels::MovingAverage)

class StochrsiTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("rsiWindow");
    QTest::addColumn<int>("kWindow");
    QTest::addColumn<int>("dWindow");
    QTest::addColumn<kernels::MovingAverage>("kind");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("k");
    QTest::addColumn<Series>("d");
    const auto sma = kernels::MovingAverage::Sma, ema = kernels::MovingAverage::Ema;
    const Series close{1, 2, 1, 3, 2};  // RSI(1): {N, 100, 0, 100, 0}
    QTest::newRow("RSI(1), %K of 2")
        << 1 << 2 << 1 << sma << close << Series{N, N, 0, 100, 0} << Series{N, N, 0, 100, 0};
    QTest::newRow("%D of 2") << 1 << 2 << 2 << sma << close << Series{N, N, N, 100, 0}
                             << Series{N, N, N, 50, 50};
    // EMA alpha 2/3 seeded 50: 50 / 3 + 0.
    QTest::newRow("EMA %D") << 1 << 2 << 2 << ema << close << Series{N, N, N, 100, 0}
                            << Series{N, N, N, 50, 50.0 / 3};
    // RSI(2) Wilder: gains {1, 0, 2, 0}, losses {0, 1, 0, 1}: seed row 2 is 50, then
    // gain 1.25, loss 0.25 -> 250/3; gain 0.625, loss 0.625 -> 50. %K of 2: row 3 100, row 4 0.
    QTest::newRow("RSI(2)") << 2 << 2 << 1 << sma << close << Series{N, N, N, 100, 0}
                            << Series{N, N, N, 100, 0};
    QTest::newRow("zero range is 0 (TA-Lib)")
        << 1 << 2 << 1 << sma << Series{1, 2, 3, 4} << Series{N, N, 0, 0} << Series{N, N, 0, 0};
    QTest::newRow("missing close blanks its windows")
        << 1 << 2 << 1 << sma << Series{1, 2, N, 3, 2, 3} << Series{N, N, N, N, N, 100}
        << Series{N, N, N, N, N, 100};
    QTest::newRow("windows longer than n")
        << 1 << 2 << 2 << sma << Series{1, 2, 1} << Series{N, N, N} << Series{N, N, N};
    QTest::newRow("one row") << 1 << 1 << 1 << sma << Series{1} << Series{N} << Series{N};
    QTest::newRow("two rows") << 1 << 1 << 1 << sma << Series{1, 2} << Series{N, 0} << Series{N, 0};
    QTest::newRow("empty") << 14 << 5 << 3 << sma << Series{} << Series{} << Series{};
    QTest::newRow("%K window 0 refused: NaN")
        << 1 << 0 << 1 << sma << close << Series{N, N, N, N, N} << Series{N, N, N, N, N};
  }
  void golden() {
    QFETCH(int, rsiWindow);
    QFETCH(int, kWindow);
    QFETCH(int, dWindow);
    QFETCH(kernels::MovingAverage, kind);
    QFETCH(Series, close);
    QFETCH(Series, k);
    QFETCH(Series, d);
    Series fastK(close.size(), kUnwritten), fastD(close.size(), kUnwritten);
    indicators::stochrsi(close, rsiWindow, kWindow, dWindow, kind, fastK, fastD);
    STRATA_VERIFY_SERIES(fastK, k);
    STRATA_VERIFY_SERIES(fastD, d);
  }
};

QTEST_GUILESS_MAIN(StochrsiTest)
#include "test_stochrsi.moc"
