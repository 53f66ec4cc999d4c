// DEMA on hand-checked series (exact fractions of the chained SMA-seeded EMAs), missing values,
// tiny inputs and the smallest window.
#include "dema.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class DemaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    // Window 2 (alpha 2/3): ema1 = 3/2, 19/6, 115/18 from row 1; ema2 seeded at row 2 with
    // (3/2 + 19/6) / 2 = 7/3, then 136/27; dema = 2 * ema1 - ema2.
    QTest::newRow("window 2") << 2 << Series{1, 2, 4, 8} << Series{N, N, 4, 209.0 / 27};
    QTest::newRow("doubling series") << 2 << Series{1, 2, 4, 8, 16, 32}
                                     << Series{N, N, 4, 7.7407407407407405, 15.382716049382717, 30.728395061728396};
    QTest::newRow("constant is the constant") << 3 << Series{5, 5, 5, 5, 5, 5} << Series{N, N, N, N, 5, 5};
    QTest::newRow("window 1 is the input") << 1 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("NaN after the seed: that row, then on") << 2 << Series{1, 2, 4, N, 8} << Series{N, N, 4, N, 209.0 / 27};
    QTest::newRow("inf counts as missing") << 2 << Series{1, 2, 4, I, 8} << Series{N, N, 4, N, 209.0 / 27};
    QTest::newRow("NaN in the warm-up restarts it") << 2 << Series{7, N, 1, 2, 4, 8} << Series{N, N, N, N, 4, 209.0 / 27};
    QTest::newRow("window longer than n") << 2 << Series{1, 2} << Series{N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{3};
    QTest::newRow("empty") << 5 << Series{} << Series{};
    QTest::newRow("window 0 taken as 1") << 0 << Series{2, 3} << Series{2, 3};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::dema(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(DemaTest)
#include "test_dema.moc"
