// RSI on hand-checked series, for each smoothing: sma (window sums), wilder (seeded with the
// mean of the first window, TA-Lib and TradingView), ema.
#include "kernel_test.h"
#include "rsi.h"
#include "strata/sdk/plugin_support.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class RsiTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<QString>("smoothing");
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    const Series path{1, 2, 1, 2, 3};  // changes: -, +1, -1, +1, +1
    QTest::newRow("sma 2") << QStringLiteral("sma") << 2 << path << Series{N, N, 50, 50, 100};
    QTest::newRow("wilder 2") << QStringLiteral("wilder") << 2 << path << Series{N, N, 50, 75, 87.5};
    // EMA, alpha = 2/3, seeded with the first change: gains 1/3, 7/9, 25/27 and losses 2/3, 2/9, 2/27 from row 2.
    QTest::newRow("ema 2") << QStringLiteral("ema") << 2 << path << Series{N, N, 100.0 / 3, 700.0 / 9, 2500.0 / 27};
    QTest::newRow("no movement is NaN") << QStringLiteral("sma") << 2 << Series{5, 5, 5, 5} << Series{N, N, N, N};
    QTest::newRow("only gains is 100") << QStringLiteral("sma") << 1 << Series{1, 2, 4} << Series{N, 100, 100};
    QTest::newRow("a NaN close blanks its windows") << QStringLiteral("sma") << 1 << Series{1, 2, N, 1, 2}
                                                    << Series{N, 100, N, N, 100};
    QTest::newRow("window longer than n") << QStringLiteral("sma") << 9 << path << Series{N, N, N, N, N};
    QTest::newRow("empty") << QStringLiteral("wilder") << 3 << Series{} << Series{};
  }
  void golden() {
    QFETCH(QString, smoothing);
    QFETCH(int, window);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::rsi(close, window, plugin_support::smoothingOf(smoothing), out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(RsiTest)
#include "test_rsi.moc"
