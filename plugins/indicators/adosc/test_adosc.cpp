// The Chaikin oscillator on hand-checked bars: two EMAs of the A/D line seeded with its first
// value (TA-Lib's ADOSC), its first row, missing values, tiny inputs.
#include "adosc.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class AdoscTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("fast");
    QTest::addColumn<int>("slow");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // high {3, 5, 4, 6}, low {1, 1, 2, 2}, volume {10, 20, 30, 40} below; with close {3, 3, 2, 4}
    // the A/D line is {10, 10, -20, -20}.
    // EMA(1) is the line; EMA(2) (alpha 2/3) from 10: 10, 10, -10, -50/3.
    QTest::newRow("fast 1, slow 2") << 1 << 2 << Series{3, 3, 2, 4} << Series{N, 0, -10, -10.0 / 3};
    // EMA(3) (alpha 1/2) from 10: 10, 10, -5, -12.5; minus EMA(2).
    QTest::newRow("fast 2, slow 3")
        << 2 << 3 << Series{3, 3, 2, 4} << Series{N, N, -5, -50.0 / 3 + 12.5};
    QTest::newRow("constant line is 0") << 2 << 3 << Series{2, 3, 3, 4} << Series{N, N, 0, 0};
    // The line carries through the missing bar (10) and both averages step on it: rows 2 and
    // 3 as without the gap.
    QTest::newRow("missing close is NaN, the averages carry on")
        << 1 << 2 << Series{3, N, 2, 4} << Series{N, N, -10, -10.0 / 3};
    QTest::newRow("slow longer than n") << 1 << 5 << Series{3, 3, 2, 4} << Series{N, N, N, N};
  }
  void golden() {
    QFETCH(int, fast);
    QFETCH(int, slow);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    const Series high{3, 5, 4, 6}, low{1, 1, 2, 2}, volume{10, 20, 30, 40};
    Series out(close.size(), kUnwritten);
    indicators::adosc(high, low, close, volume, fast, slow, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
  void oneAndTwoRows() {
    Series none, one(1, kUnwritten), two(2, kUnwritten);
    indicators::adosc(none, none, none, none, 3, 10, none);
    indicators::adosc(Series{3}, Series{1}, Series{3}, Series{10}, 1, 2, one);
    STRATA_VERIFY_SERIES(one, (Series{N}));
    indicators::adosc(Series{3, 5}, Series{1, 1}, Series{3, 1}, Series{10, 20}, 1, 2, two);
    STRATA_VERIFY_SERIES(two, (Series{N, -10 - (10 / 3.0 - 20.0 / 3)}));
  }
};

QTEST_GUILESS_MAIN(AdoscTest)
#include "test_adosc.moc"
