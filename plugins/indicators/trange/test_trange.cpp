// TRANGE on hand-checked bars: the range, a gap up, a gap down, an inverted bar, missing values
// and tiny inputs.
#include "kernel_test.h"
#include "trange.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class TrangeTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // Row 1: inside the previous close (range 2); row 2: a gap up from 3 to 5.5..6 (3);
    // row 3: a gap down from 6 to 1..2 (5).
    QTest::newRow("range, gap up, gap down") << Series{3, 4, 6, 2} << Series{1, 2, 5.5, 1}
                                             << Series{2, 3, 6, 1.5} << Series{N, 2, 3, 5};
    QTest::newRow("inverted bar: the widest candidate") << Series{2, 1} << Series{1, 4} << Series{1.5, 3}
                                                        << Series{N, 2.5};
    QTest::newRow("missing previous close") << Series{3, 4, 6} << Series{1, 2, 5} << Series{N, 3, 6}
                                            << Series{N, N, 3};
    QTest::newRow("missing high") << Series{3, N, 6} << Series{1, 2, 5} << Series{2, 3, 6} << Series{N, N, 3};
    QTest::newRow("inf low") << Series{3, 4, 6} << Series{1, -I, 5} << Series{2, 3, 6} << Series{N, N, 3};
    QTest::newRow("inf close") << Series{3, 4, 6} << Series{1, 2, 5} << Series{2, I, 6} << Series{N, 2, N};
    QTest::newRow("two rows") << Series{3, 4} << Series{1, 2} << Series{2, 3} << Series{N, 2};
    QTest::newRow("one row") << Series{3} << Series{1} << Series{2} << Series{N};
    QTest::newRow("empty") << Series{} << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::trange(high, low, close, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(TrangeTest)
#include "test_trange.moc"
