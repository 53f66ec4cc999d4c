// Fast stochastic (%K, %D) on hand-checked bars, TA-Lib's 0 on a zero range and its shared
// first row, both averages, missing values, tiny inputs and bad windows.
#include "kernel_test.h"
#include "stochf.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

Q_DECLARE_METATYPE(strata::kernels::MovingAverage)

class StochfTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("kWindow");
    QTest::addColumn<int>("dWindow");
    QTest::addColumn<kernels::MovingAverage>("kind");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("k");
    QTest::addColumn<Series>("d");
    const auto sma = kernels::MovingAverage::Sma, ema = kernels::MovingAverage::Ema;
    const Series high{3, 5, 4, 6}, low{1, 2, 0, 3}, close{2, 4, 1, 5};
    const Series k2{N, 75, 20, 500.0 / 6};  // (close - lowest) / range of 2 bars
    QTest::newRow("%D of 1 is %K") << 2 << 1 << sma << high << low << close << k2 << k2;
    QTest::newRow("%D of 2, %K from %D's row")
        << 2 << 2 << sma << high << low << close << Series{N, N, 20, 500.0 / 6}
        << Series{N, N, 47.5, (20 + 500.0 / 6) / 2};
    // EMA alpha 2/3 seeded with the mean of its first two values: 47.5 / 3 + 2/3 * 250/3.
    QTest::newRow("EMA %D") << 2 << 2 << ema << high << low << close << Series{N, N, 20, 500.0 / 6}
                            << Series{N, N, 47.5, 642.5 / 9};
    QTest::newRow("zero range is 0 (TA-Lib)")
        << 2 << 1 << sma << Series{5, 5, 5} << Series{5, 5, 5} << Series{5, 5, 5} << Series{N, 0, 0}
        << Series{N, 0, 0};
    QTest::newRow("close at the high is 100")
        << 1 << 1 << sma << Series{3, 5} << Series{1, 2} << Series{3, 5} << Series{100, 100}
        << Series{100, 100};
    QTest::newRow("missing close is NaN")
        << 2 << 1 << sma << high << low << Series{2, 4, N, 5} << Series{N, 75, N, 500.0 / 6}
        << Series{N, 75, N, 500.0 / 6};
    QTest::newRow("missing high blanks its windows")
        << 2 << 1 << sma << Series{3, N, 4, 6} << low << close << Series{N, N, N, 500.0 / 6}
        << Series{N, N, N, 500.0 / 6};
    QTest::newRow("inf low blanks its windows")
        << 2 << 1 << sma << high << Series{1, -I, 0, 3} << close << Series{N, N, N, 500.0 / 6}
        << Series{N, N, N, 500.0 / 6};
    QTest::newRow("NaN %K blanks SMA %D windows")
        << 2 << 2 << sma << high << low << Series{2, 4, N, 5} << Series{N, N, N, N}
        << Series{N, N, N, N};
    QTest::newRow("windows longer than n") << 2 << 2 << sma << Series{3, 5} << Series{1, 2}
                                           << Series{2, 4} << Series{N, N} << Series{N, N};
    QTest::newRow("one row") << 1 << 1 << sma << Series{3} << Series{1} << Series{2} << Series{50}
                             << Series{50};
    QTest::newRow("two rows") << 2 << 1 << ema << Series{3, 5} << Series{1, 2} << Series{2, 4}
                              << Series{N, 75} << Series{N, 75};
    QTest::newRow("empty") << 5 << 3 << sma << Series{} << Series{} << Series{} << Series{}
                           << Series{};
    QTest::newRow("%K window 0 refused: NaN") << 0 << 1 << sma << Series{3, 5} << Series{1, 2}
                                              << Series{2, 4} << Series{N, N} << Series{N, N};
  }
  void golden() {
    QFETCH(int, kWindow);
    QFETCH(int, dWindow);
    QFETCH(kernels::MovingAverage, kind);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, k);
    QFETCH(Series, d);
    Series fastK(high.size(), kUnwritten), fastD(high.size(), kUnwritten);
    indicators::stochf(high, low, close, kWindow, dWindow, kind, fastK, fastD);
    STRATA_VERIFY_SERIES(fastK, k);
    STRATA_VERIFY_SERIES(fastD, d);
  }
};

QTEST_GUILESS_MAIN(StochfTest)
#include "test_stochf.moc"
