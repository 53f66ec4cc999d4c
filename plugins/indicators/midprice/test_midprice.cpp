// MIDPRICE on hand-checked bars, missing values, tiny inputs and bad windows.
#include "kernel_test.h"
#include "midprice.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class MidpriceTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("expected");
    QTest::newRow("window 2") << 2 << Series{3, 5, 4, 6} << Series{1, 2, 0, 3} << Series{N, 3, 2.5, 3};
    QTest::newRow("window 1: the bar's middle") << 1 << Series{3, 5} << Series{1, 4} << Series{2, 4.5};
    QTest::newRow("missing high blanks its windows") << 2 << Series{3, N, 4, 6} << Series{1, 2, 0, 3} << Series{N, N, N, 3};
    QTest::newRow("missing low blanks its windows") << 2 << Series{3, 5, 4, 6} << Series{1, 2, I, 3} << Series{N, 3, N, N};
    QTest::newRow("window longer than n") << 3 << Series{3, 5} << Series{1, 2} << Series{N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{1} << Series{2};
    QTest::newRow("empty") << 3 << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{3, 5} << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::midprice(high, low, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(MidpriceTest)
#include "test_midprice.moc"
