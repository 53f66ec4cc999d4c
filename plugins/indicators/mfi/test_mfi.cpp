// Money flow index on hand-checked bars: flows to the side the typical price moved, TA-Lib's 0
// below a total flow of 1, missing values, tiny inputs and bad windows.
#include "kernel_test.h"
#include "mfi.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class MfiTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("typical");  // high = low = close
    QTest::addColumn<Series>("volume");
    QTest::addColumn<Series>("expected");
    const Series tp{1, 2, 1, 3}, v{10, 10, 10, 10};
    // Flows: row 1 +20, row 2 -10, row 3 +30.
    QTest::newRow("window 2") << 2 << tp << v << Series{N, N, 200.0 / 3, 75};
    QTest::newRow("window 1") << 1 << tp << v << Series{N, 100, 0, 100};
    QTest::newRow("window 3") << 3 << tp << v << Series{N, N, N, 5000.0 / 60};
    QTest::newRow("unchanged tp counts in neither")
        << 2 << Series{1, 2, 2, 1} << v << Series{N, N, 100, 0};
    QTest::newRow("total below 1 is 0 (TA-Lib)")
        << 1 << tp << Series{0.1, 0.1, 0.1, 0.1} << Series{N, 0, 0, 0};
    QTest::newRow("flat series is 0") << 2 << Series{5, 5, 5} << v << Series{N, N, 0};
    QTest::newRow("missing volume blanks its windows")
        << 1 << tp << Series{10, N, 10, 10} << Series{N, N, 0, 100};
    QTest::newRow("missing price blanks two rows' flows")
        << 1 << Series{1, 2, N, 1, 3} << Series{10, 10, 10, 10, 10} << Series{N, 100, N, N, 100};
    QTest::newRow("inf volume is NaN") << 2 << tp << Series{10, 10, I, 10} << Series{N, N, N, N};
    QTest::newRow("window longer than n")
        << 3 << Series{1, 2, 3} << Series{1, 1, 1} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{1} << Series{10} << Series{N};
    QTest::newRow("two rows") << 1 << Series{1, 2} << Series{10, 10} << Series{N, 100};
    QTest::newRow("empty") << 14 << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << tp << v << Series{N, N, N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, typical);
    QFETCH(Series, volume);
    QFETCH(Series, expected);
    Series out(typical.size(), kUnwritten);
    indicators::mfi(typical, typical, typical, volume, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
  void typicalPriceIsTheMeanOfHighLowClose() {
    // tp {2, 4}: a rise, flow 4 * 1 on row 1.
    Series out(2, kUnwritten);
    indicators::mfi(Series{3, 6}, Series{1, 2}, Series{2, 4}, Series{1, 1}, 1, out);
    STRATA_VERIFY_SERIES(out, (Series{N, 100}));
    indicators::mfi(Series{3, 6}, Series{1, 2}, Series{2, 1}, Series{1, 1}, 1, out);  // tp {2, 3}
    STRATA_VERIFY_SERIES(out, (Series{N, 100}));
  }
};

QTEST_GUILESS_MAIN(MfiTest)
#include "test_mfi.moc"
