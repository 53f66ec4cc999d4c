// TRIX on hand-checked closes: a window of 1 is the plain one-bar change, a window of 2 three
// SMA-seeded EMAs (TA-Lib); 0 after a zero average, missing values, tiny inputs.
#include "kernel_test.h"
#include "trix.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class TrixTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    QTest::newRow("window 1: one-bar change")
        << 1 << Series{1, 2, 4, 2} << Series{N, 100, 100, -50};
    // EMA(2), alpha 2/3, of a line rising by 1 lags it by 0.5 once seeded: e1 from row 1
    // {1.5, 2.5, ...}, e2 from row 2 {2, 3, ...}, e3 from row 3 {2.5, 3.5, 4.5}.
    QTest::newRow("window 2") << 2 << Series{1, 2, 3, 4, 5, 6}
                              << Series{N, N, N, N, 40, 100.0 / 3.5};
    QTest::newRow("after a zero average is 0 (TA-Lib)")
        << 1 << Series{0, 2, 4} << Series{N, 0, 100};
    QTest::newRow("constant is 0") << 2 << Series{5, 5, 5, 5, 5} << Series{N, N, N, N, 0};
    QTest::newRow("missing close: its row and the next")
        << 1 << Series{1, 2, N, 4, 2} << Series{N, 100, N, N, -50};
    QTest::newRow("inf close: its row and the next")
        << 1 << Series{1, 2, I, 4, 2} << Series{N, 100, N, N, -50};
    QTest::newRow("window longer than n") << 2 << Series{1, 2, 3, 4} << Series{N, N, N, N};
    QTest::newRow("one row") << 1 << Series{1} << Series{N};
    QTest::newRow("two rows") << 1 << Series{1, 2} << Series{N, 100};
    QTest::newRow("empty") << 30 << Series{} << Series{};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::trix(close, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(TrixTest)
#include "test_trix.moc"
