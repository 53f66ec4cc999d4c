// ATR on hand-checked bars: the true range (the widest of high-low and the gaps to the previous
// close, NaN skipped), then smoothed.
#include "atr.h"
#include "kernel_test.h"
#include "strata/sdk/plugin_support.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class AtrTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<QString>("smoothing");
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("expected");
    // True ranges: 2 (no previous close: high-low), 2, 3 (a gap up from 3 to 5.5..6).
    QTest::newRow("sma 2") << QStringLiteral("sma") << 2 << Series{N, 2, 2.5};
    QTest::newRow("wilder 2") << QStringLiteral("wilder") << 2 << Series{N, 2, 2.5};
    QTest::newRow("sma 1 is the true range") << QStringLiteral("sma") << 1 << Series{2, 2, 3};
    QTest::newRow("ema 1 is the true range") << QStringLiteral("ema") << 1 << Series{2, 2, 3};
  }
  void golden() {
    QFETCH(QString, smoothing);
    QFETCH(int, window);
    QFETCH(Series, expected);
    const Series high{3, 4, 6}, low{1, 2, 5.5}, close{2, 3, 6};
    Series out(3, kUnwritten);
    indicators::atr(high, low, close, window, plugin_support::smoothingOf(smoothing), out);
    STRATA_VERIFY_SERIES(out, expected);
  }
  void invertedBarUsesTheWidestCandidate() {
    // high < low (bad data): the branch-free fallback still takes the largest candidate.
    const Series high{2, 1}, low{1, 4}, close{1.5, 3};
    Series out(2, kUnwritten);
    indicators::atr(high, low, close, 1, kernels::Smoothing::Sma, out);
    QVERIFY2(same(out[1], 2.5), qPrintable(show(out)));  // |4 - 1.5|
  }
};

QTEST_GUILESS_MAIN(AtrTest)
#include "test_atr.moc"
