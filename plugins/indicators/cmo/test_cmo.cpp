// CMO on hand-checked series (Wilder averages seeded with the mean of the first window changes,
// as TA-Lib), TA-Lib's 0 without movement, missing values, tiny inputs.
#include "cmo.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class CmoTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // Changes -, +1, -1, +1, +1: gain/loss seeded 1/2, 1/2 at row 2, then 3/4, 1/4 and 7/8, 1/8.
    QTest::newRow("window 2") << 2 << Series{1, 2, 1, 2, 3} << Series{N, N, 0, 50, 75};
    QTest::newRow("no movement is 0 (TA-Lib)") << 2 << Series{5, 5, 5, 5} << Series{N, N, 0, 0};
    QTest::newRow("only rises is 100") << 1 << Series{1, 2, 4} << Series{N, 100, 100};
    QTest::newRow("only falls is -100") << 1 << Series{4, 2, 1} << Series{N, -100, -100};
    QTest::newRow("NaN before the seed restarts it") << 2 << Series{1, N, 2, 3, 2} << Series{N, N, N, N, 0};
    QTest::newRow("NaN after the seed: NaN rows, averages carry on") << 2 << Series{1, 2, 1, N, 2, 3} << Series{N, N, 0, N, N, 50};
    QTest::newRow("inf counts as missing") << 2 << Series{1, 2, 1, I, 2, 3} << Series{N, N, 0, N, N, 50};
    QTest::newRow("window as long as n") << 3 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{N};
    QTest::newRow("two rows") << 1 << Series{3, 4} << Series{N, 100};
    QTest::newRow("empty") << 3 << Series{} << Series{};
    QTest::newRow("window 0 taken as 1") << 0 << Series{1, 2, 4} << Series{N, 100, 100};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::cmo(close, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(CmoTest)
#include "test_cmo.moc"
