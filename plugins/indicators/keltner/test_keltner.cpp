// Keltner channels on hand-checked bars, missing values, tiny inputs and bad windows.
#include "keltner.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class KeltnerTest : public QObject {
  Q_OBJECT

 private slots:
  void channels_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("multiplier");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("upper");
    QTest::addColumn<Series>("middle");
    QTest::addColumn<Series>("lower");
    // high {3, 5, 4, 6}, low {1, 2, 0, 3}. EMA(2), alpha 2/3: seed (2 + 4) / 2 = 3, then 5/3,
    // 35/9. True ranges from row 1: 3, 4, 5; Wilder ATR(2): seed 3.5 at row 2, then 4.25.
    QTest::newRow("window 2") << 2 << 1.0 << Series{2, 4, 1, 5}
                              << Series{N, N, 5.0 / 3 + 3.5, 35.0 / 9 + 4.25}
                              << Series{N, 3, 5.0 / 3, 35.0 / 9}
                              << Series{N, N, 5.0 / 3 - 3.5, 35.0 / 9 - 4.25};
    QTest::newRow("multiplier 2 doubles the bands") << 2 << 2.0 << Series{2, 4, 1, 5}
                              << Series{N, N, 5.0 / 3 + 7, 35.0 / 9 + 8.5}
                              << Series{N, 3, 5.0 / 3, 35.0 / 9}
                              << Series{N, N, 5.0 / 3 - 7, 35.0 / 9 - 8.5};
    QTest::newRow("multiplier 0: the bands are the middle") << 2 << 0.0 << Series{2, 4, 1, 5}
                              << Series{N, N, 5.0 / 3, 35.0 / 9} << Series{N, 3, 5.0 / 3, 35.0 / 9}
                              << Series{N, N, 5.0 / 3, 35.0 / 9};
    // window 1: the middle is the close, the ATR the true range (3, 4, 5 from row 1).
    QTest::newRow("window 1") << 1 << 1.0 << Series{2, 4, 1, 5} << Series{N, 7, 5, 10}
                              << Series{2, 4, 1, 5} << Series{N, 1, -3, 0};
    // A missing close blanks its own row of the middle; the EMA carries on. The true ranges
    // stay defined: row 2's is still 4, row 3's skips the missing previous close (6 - 3 = 3).
    QTest::newRow("missing close") << 2 << 1.0 << Series{2, 4, N, 5}
                              << Series{N, N, N, 3 + 2.0 / 3 * 2 + (3.5 + (3 - 3.5) / 2)}
                              << Series{N, 3, N, 3 + 2.0 / 3 * 2}
                              << Series{N, N, N, 3 + 2.0 / 3 * 2 - (3.5 + (3 - 3.5) / 2)};
    QTest::newRow("one row") << 2 << 1.0 << Series{2} << Series{N} << Series{N} << Series{N};
    QTest::newRow("empty") << 2 << 1.0 << Series{} << Series{} << Series{} << Series{};
  }
  void channels() {
    QFETCH(int, window);
    QFETCH(double, multiplier);
    QFETCH(Series, close);
    QFETCH(Series, upper);
    QFETCH(Series, middle);
    QFETCH(Series, lower);
    const Series highs{3, 5, 4, 6}, lows{1, 2, 0, 3};
    const Series high(highs.begin(), highs.begin() + static_cast<std::ptrdiff_t>(close.size()));
    const Series low(lows.begin(), lows.begin() + static_cast<std::ptrdiff_t>(close.size()));
    Series up(close.size(), kUnwritten), mid(close.size(), kUnwritten), down(close.size(), kUnwritten);
    indicators::keltner(high, low, close, window, multiplier, up, mid, down);
    STRATA_VERIFY_SERIES(mid, middle);
    STRATA_VERIFY_SERIES(up, upper);
    STRATA_VERIFY_SERIES(down, lower);
  }
};

QTEST_GUILESS_MAIN(KeltnerTest)
#include "test_keltner.moc"
