// NATR on hand-checked bars: TA-Lib's ATR (true range from row 1, Wilder's smoothing seeded with
// the mean of the first window ranges) over the close, the zero close, missing values, tiny
// inputs and a window below 1.
#include "kernel_test.h"
#include "natr.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class NatrTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // True ranges from row 1: 2, 2, 4. ATR(2): row 2 (2 + 2) / 2 = 2, row 3 (2 + 4) / 2 = 3.
    const Series high{3, 4, 6, 2}, low{1, 2, 5.5, 1}, close{2, 4, 5, 1.5};
    QTest::newRow("window 2") << 2 << high << low << close << Series{N, N, 40, 200};
    QTest::newRow("window 1 is the true range") << 1 << high << low << close << Series{N, 50, 40, 800.0 / 3};
    // Close 0 on row 2: 0 there; row 3's true range from it is 2, ATR 2.
    QTest::newRow("zero close is 0") << 2 << high << low << Series{2, 4, 0, 1.5} << Series{N, N, 0, 400.0 / 3};
    QTest::newRow("missing close is NaN, the average carries on")
        << 2 << high << low << Series{2, 4, 5, N} << Series{N, N, 40, N};
    // As the atr plugin: row 1's true range is its one candidate left, |low - previous close| = 0.
    QTest::newRow("missing high: the candidates left")
        << 2 << Series{3, N, 6, 2} << low << close << Series{N, N, 20, 500.0 / 3};
    QTest::newRow("inf low after the seed: NaN, then on")
        << 2 << Series{3, 4, 6, 2, 3} << Series{1, 2, 5.5, -I, 1} << Series{2, 4, 5, 1.5, 1}
        << Series{N, N, 40, N, 200};
    QTest::newRow("window longer than n") << 5 << high << low << close << Series{N, N, N, N};
    QTest::newRow("two rows") << 1 << Series{3, 4} << Series{1, 2} << Series{2, 4} << Series{N, 50};
    QTest::newRow("one row") << 1 << Series{3} << Series{1} << Series{2} << Series{N};
    QTest::newRow("empty") << 1 << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("window 0 is taken as 1") << 0 << Series{3, 4} << Series{1, 2} << Series{2, 4} << Series{N, 50};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::natr(high, low, close, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(NatrTest)
#include "test_natr.moc"
