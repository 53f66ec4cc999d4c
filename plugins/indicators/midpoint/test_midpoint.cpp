// MIDPOINT on hand-checked series, missing values, tiny inputs and bad windows.
#include "kernel_test.h"
#include "midpoint.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class MidpointTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    QTest::newRow("window 3") << 3 << Series{1, 5, 3, 2, 4} << Series{N, N, 3, 3.5, 3};
    QTest::newRow("window 1 is the input") << 1 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("NaN blanks its windows") << 2 << Series{1, N, 3, 5} << Series{N, N, N, 4};
    QTest::newRow("inf blanks its windows") << 2 << Series{1, -I, 3, 5} << Series{N, N, N, 4};
    QTest::newRow("window longer than n") << 4 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{3};
    QTest::newRow("two rows") << 2 << Series{3, 6} << Series{N, 4.5};
    QTest::newRow("empty") << 3 << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::midpoint(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(MidpointTest)
#include "test_midpoint.moc"
