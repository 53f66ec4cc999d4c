// Parabolic SAR on hand-checked bars: TA-Lib's start (trend from bar 1's directional move, stop
// from bar 0), acceleration steps, the clamp to the last two bars, both reversals, the
// acceleration capped by the maximum, missing bars skipped, tiny inputs.
#include "kernel_test.h"
#include "sar.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class SarTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<double>("acceleration");
    QTest::addColumn<double>("maximum");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("expected");
    // Long from bar 1 (up move 1 > down move -1): stop 8 (bar 0's low), extreme 11, next stop
    // 8.06. Bar 2 makes a new high (af 0.04, next stop 8.2176); bar 3's low crosses it: short
    // at the extreme high 12, the next stop 12 - 0.02 * 3.9 held up at the previous high 12;
    // bar 4's new low (af 0.04) gives 11.82; bar 5 crosses it: long at the extreme low 7.5, the
    // next stop 7.6 held down at 7.5.
    const Series high{10, 11, 12, 11.5, 11, 12.5, 13}, low{8, 9, 10, 8.1, 7.5, 9, 10};
    QTest::newRow("long, reverse, reverse") << 0.02 << 0.2 << high << low << Series{N, 8, 8.06, 12, 12, 7.5, 7.5};
    // Short from bar 1 (down move 1 > up move -0.5): stop 10 (bar 0's high), extreme 7.
    QTest::newRow("short start") << 0.02 << 0.2 << Series{10, 9.5, 9, 9.2} << Series{8, 7, 6.5, 6.8}
                                 << Series{N, 10, 9.94, 9.8024};
    // Up and down moves of 1: long (stop 8), so bar 1's low reverses at once to the extreme 11;
    // a short start would have reversed to 7.
    QTest::newRow("equal moves start long") << 0.02 << 0.2 << Series{10, 11, 11} << Series{8, 7, 9} << Series{N, 11, 7};
    // The acceleration rises by 0.1 per new high and stops at 0.15.
    QTest::newRow("acceleration capped at the maximum") << 0.1 << 0.15 << Series{1, 2, 3, 4} << Series{0, 1, 2, 3}
                                                        << Series{N, 0, 0.2, 0.62};
    QTest::newRow("acceleration above the maximum is the maximum") << 0.5 << 0.1 << Series{1, 2, 3} << Series{0, 1, 2}
                                                                   << Series{N, 0, 0.2};
    QTest::newRow("missing bar skipped") << 0.02 << 0.2 << Series{10, 11, N, 12} << Series{8, 9, 10, 10} << Series{N, 8, N, 8.06};
    QTest::newRow("missing first bar delays the start") << 0.02 << 0.2 << Series{N, 10, 11} << Series{8, 8, 9} << Series{N, N, 8};
    QTest::newRow("inf counts as missing") << 0.02 << 0.2 << Series{10, 11, 12, 13} << Series{8, 9, -I, 10} << Series{N, 8, N, 8.06};
    QTest::newRow("one row") << 0.02 << 0.2 << Series{10} << Series{8} << Series{N};
    QTest::newRow("two rows") << 0.02 << 0.2 << Series{10, 11} << Series{8, 9} << Series{N, 8};
    QTest::newRow("empty") << 0.02 << 0.2 << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(double, acceleration);
    QFETCH(double, maximum);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::sar(high, low, acceleration, maximum, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(SarTest)
#include "test_sar.moc"
