// Williams %R on hand-checked bars, TA-Lib's 0 on a zero range, missing values, tiny inputs and
// bad windows.
#include "kernel_test.h"
#include "willr.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class WillrTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    const Series high{3, 5, 4, 6}, low{1, 2, 0, 3};
    QTest::newRow("window 2") << 2 << high << low << Series{2, 4, 1, 5} << Series{N, -25, -80, -100.0 / 6};
    QTest::newRow("close at the low is -100") << 2 << high << low << Series{2, 4, 0, 0} << Series{N, -25, -100, -100};
    QTest::newRow("zero range is 0 (TA-Lib)") << 2 << Series{5, 5, 5} << Series{5, 5, 5} << Series{5, 5, 5} << Series{N, 0, 0};
    QTest::newRow("missing close is NaN") << 2 << high << low << Series{2, 4, N, 5} << Series{N, -25, N, -100.0 / 6};
    QTest::newRow("missing close on a zero range is NaN") << 1 << Series{5} << Series{5} << Series{N} << Series{N};
    QTest::newRow("missing high blanks its windows") << 2 << Series{3, N, 4, 6} << low << Series{2, 4, 1, 5} << Series{N, N, N, -100.0 / 6};
    QTest::newRow("inf low blanks its windows") << 2 << high << Series{1, -I, 0, 3} << Series{2, 4, 1, 5} << Series{N, N, N, -100.0 / 6};
    QTest::newRow("window longer than n") << 3 << Series{3, 5} << Series{1, 2} << Series{2, 4} << Series{N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{1} << Series{2} << Series{-50};
    QTest::newRow("empty") << 3 << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{3, 5} << Series{1, 2} << Series{2, 4} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::willr(high, low, close, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(WillrTest)
#include "test_willr.moc"
