// Aroon on hand-checked bars: bars since the window's extremes, the most recent of equal
// extremes (found by a rescan and by the row-to-row update), missing values restarting the
// window, tiny inputs and a window below 1.
#include "aroon.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class AroonTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("down");
    QTest::addColumn<Series>("up");
    QTest::addColumn<Series>("osc");
    // Row 3's window (rows 1-3) has two lows of 1: the later, row 3, counts.
    QTest::newRow("window 2") << 2 << Series{1, 3, 2, 2, 5} << Series{0, 2, 1, 1, 4}
                              << Series{N, N, 0, 100, 50} << Series{N, N, 50, 0, 100}
                              << Series{N, N, 50, -100, 50};
    // Row 3's high equals row 1's, still in the window: the row-to-row update takes row 3.
    QTest::newRow("ties: the most recent") << 2 << Series{1, 3, 2, 3} << Series{0, 0, 0, 0}
                                           << Series{N, N, 100, 100} << Series{N, N, 50, 100}
                                           << Series{N, N, -50, 0};
    QTest::newRow("window 1") << 1 << Series{1, 3, 2} << Series{0, 2, 1} << Series{N, 0, 100}
                              << Series{N, 100, 0} << Series{N, 100, -100};
    QTest::newRow("missing high restarts") << 2 << Series{1, 3, N, 2, 2, 5} << Series{0, 2, 1, 1, 1, 4}
                                           << Series{N, N, N, N, N, 50} << Series{N, N, N, N, N, 100}
                                           << Series{N, N, N, N, N, 50};
    QTest::newRow("inf low restarts") << 1 << Series{1, 3, 2} << Series{0, -I, 1} << Series{N, N, N}
                                      << Series{N, N, N} << Series{N, N, N};
    QTest::newRow("window longer than n") << 3 << Series{1, 3, 2} << Series{0, 2, 1} << Series{N, N, N}
                                          << Series{N, N, N} << Series{N, N, N};
    QTest::newRow("two rows") << 1 << Series{1, 3} << Series{0, 2} << Series{N, 0} << Series{N, 100}
                              << Series{N, 100};
    QTest::newRow("one row") << 1 << Series{1} << Series{0} << Series{N} << Series{N} << Series{N};
    QTest::newRow("empty") << 1 << Series{} << Series{} << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << Series{1, 3} << Series{0, 2} << Series{N, N}
                                           << Series{N, N} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, down);
    QFETCH(Series, up);
    QFETCH(Series, osc);
    Series gotDown(high.size(), kUnwritten), gotUp(high.size(), kUnwritten), gotOsc(high.size(), kUnwritten);
    indicators::aroon(high, low, window, gotDown, gotUp, gotOsc);
    STRATA_VERIFY_SERIES(gotDown, down);
    STRATA_VERIFY_SERIES(gotUp, up);
    STRATA_VERIFY_SERIES(gotOsc, osc);
    Series oscAlone(high.size(), kUnwritten);  // the benchmarks' AROONOSC: one output
    indicators::aroon(high, low, window, {}, {}, oscAlone);
    STRATA_VERIFY_SERIES(oscAlone, osc);
  }
};

QTEST_GUILESS_MAIN(AroonTest)
#include "test_aroon.moc"
