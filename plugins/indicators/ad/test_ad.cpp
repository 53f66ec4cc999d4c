// The A/D line on hand-checked bars: each bar's volume weighted by the close's place in its
// range, summed from 0; TA-Lib's nothing for a bar with no range, missing values, tiny inputs.
#include "ad.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class AdTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("volume");
    QTest::addColumn<Series>("expected");
    const Series high{3, 5, 4}, low{1, 1, 2}, volume{10, 20, 30};
    // Multipliers: close at the high +1, at the middle 0, at the low -1.
    QTest::newRow("running sum") << high << low << Series{3, 3, 2} << volume << Series{10, 10, -20};
    QTest::newRow("zero range adds 0 (TA-Lib)")
        << Series{3, 5, 4} << Series{1, 5, 2} << Series{3, 5, 2} << volume << Series{10, 10, -20};
    QTest::newRow("inverted range adds 0 (TA-Lib)")
        << Series{3, 1, 4} << Series{1, 5, 2} << Series{3, 5, 2} << volume << Series{10, 10, -20};
    QTest::newRow("missing close is NaN, the sum carries on")
        << high << low << Series{3, N, 2} << volume << Series{10, N, -20};
    QTest::newRow("missing volume is NaN")
        << high << low << Series{3, 3, 2} << Series{N, 20, 30} << Series{N, 0, -30};
    QTest::newRow("inf high is NaN")
        << Series{3, I, 4} << low << Series{3, 3, 2} << volume << Series{10, N, -20};
    QTest::newRow("one row") << Series{3} << Series{1} << Series{1.5} << Series{8} << Series{-4};
    QTest::newRow("two rows") << Series{3, 5} << Series{1, 1} << Series{3, 1} << Series{10, 20}
                              << Series{10, -10};
    QTest::newRow("empty") << Series{} << Series{} << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, volume);
    QFETCH(Series, expected);
    Series out(high.size(), kUnwritten);
    indicators::ad(high, low, close, volume, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(AdTest)
#include "test_ad.moc"
