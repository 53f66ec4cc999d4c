// KAMA on hand-checked series (exact fractions: efficiency ratio, squared smoothing constant,
// the start from the previous close), flat windows, missing values, tiny inputs.
#include "kama.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class KamaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    // A straight line: efficiency 1, sc = (2/3)^2 = 4/9, started from the previous close.
    QTest::newRow("trend: efficiency 1") << 2 << Series{1, 2, 3, 4} << Series{N, N, 2 + 4.0 / 9, 254.0 / 81};
    QTest::newRow("choppy") << 2 << Series{1, 2, 4, 3, 5, 6}
                            << Series{N, N, 2.888888888888889, 2.896705392331091, 3.0446690781983707, 4.358149487887984};
    QTest::newRow("window 3") << 3 << Series{1, 3, 2, 4, 3} << Series{N, N, N, 2.3626222684703433, 2.365275245500644};
    QTest::newRow("flat window: efficiency 1 (TA-Lib)") << 2 << Series{5, 5, 5, 5} << Series{N, N, 5, 5};
    QTest::newRow("window 1") << 1 << Series{1, 2, 4} << Series{N, 13.0 / 9, 209.0 / 81};
    QTest::newRow("NaN before the start delays it") << 2 << Series{1, 2, N, 4, 5, 6, 7} << Series{N, N, N, N, N, 49.0 / 9, 497.0 / 81};
    QTest::newRow("NaN after the start: the average carries on") << 2 << Series{1, 2, 3, 4, N, 6, 7, 8}
                                                                << Series{N, N, 2 + 4.0 / 9, 254.0 / 81, N, N, N, 3862.0 / 729};
    QTest::newRow("inf counts as missing") << 2 << Series{1, 2, 3, 4, I, 6, 7, 8}
                                           << Series{N, N, 2 + 4.0 / 9, 254.0 / 81, N, N, N, 3862.0 / 729};
    QTest::newRow("window as long as n") << 3 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{N};
    QTest::newRow("two rows") << 1 << Series{3, 3} << Series{N, 3};
    QTest::newRow("empty") << 5 << Series{} << Series{};
    QTest::newRow("window 0 taken as 1") << 0 << Series{1, 2, 4} << Series{N, 13.0 / 9, 209.0 / 81};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::kama(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(KamaTest)
#include "test_kama.moc"
