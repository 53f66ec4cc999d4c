// CCI on hand-checked bars (typical price, mean deviation), TA-Lib's 0 without deviation,
// windows around the four-way unrolled loop, missing values, tiny inputs, bad windows.
#include "cci.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class CciTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    // Typical prices 2, 4, 3: window 2 has mean 3, deviation 1, mean deviation 1 -> 1 / 0.015.
    QTest::newRow("window 2") << 2 << Series{3, 5, 4} << Series{1, 3, 2} << Series{2, 4, 3}
                              << Series{N, 200.0 / 3, -200.0 / 3};
    // Typical prices 2, 4, 3, 7: row 2 has no deviation; row 3 (7/3) / (0.015 * 14/9) = 100.
    const Series typical{2, 4, 3, 7};
    QTest::newRow("window 3") << 3 << typical << typical << typical << Series{N, N, 0, 100};
    const Series ramp{1, 2, 3, 4, 5, 6};
    QTest::newRow("window 5 (unrolled)") << 5 << ramp << ramp << ramp << Series{N, N, N, N, 2 / 0.018, 2 / 0.018};
    QTest::newRow("flat is 0 (TA-Lib)") << 2 << Series{5, 5, 5} << Series{5, 5, 5} << Series{5, 5, 5} << Series{N, 0, 0};
    QTest::newRow("window 1 is 0") << 1 << Series{3, 5} << Series{1, 3} << Series{2, 4} << Series{0, 0};
    QTest::newRow("missing value blanks its windows") << 2 << Series{3, 5, N, 4, 5} << Series{1, 3, 2, 2, 3} << Series{2, 4, 3, 3, 4}
                                                      << Series{N, 200.0 / 3, N, N, 200.0 / 3};
    QTest::newRow("inf blanks its windows") << 2 << Series{3, 5, 4, 4, 5} << Series{1, 3, 2, 2, 3} << Series{2, 4, -I, 3, 4}
                                            << Series{N, 200.0 / 3, N, N, 200.0 / 3};
    QTest::newRow("window longer than n") << 3 << Series{3, 5} << Series{1, 3} << Series{2, 4} << Series{N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{1} << Series{2} << Series{0};
    QTest::newRow("empty") << 3 << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{3, 5} << Series{1, 3} << Series{2, 4} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::cci(high, low, close, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(CciTest)
#include "test_cci.moc"
