// TEMA on hand-checked series (exact fractions of the chained SMA-seeded EMAs), missing values,
// tiny inputs and the smallest window.
#include "kernel_test.h"
#include "tema.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class TemaTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    // Window 2: ema1 = 115/18, ema2 = 136/27, ema3 = (7/3 + 136/27) / 2 = 199/54 at row 3.
    QTest::newRow("window 2") << 2 << Series{1, 2, 4, 8} << Series{N, N, N, 3 * (115.0 / 18 - 136.0 / 27) + 199.0 / 54};
    QTest::newRow("doubling series") << 2 << Series{1, 2, 4, 8, 16, 32}
                                     << Series{N, N, N, 7.7407407407407405, 15.794238683127572, 31.713305898491083};
    QTest::newRow("constant is the constant") << 2 << Series{5, 5, 5, 5, 5} << Series{N, N, N, 5, 5};
    QTest::newRow("window 1 is the input") << 1 << Series{2, -1, 7} << Series{2, -1, 7};
    QTest::newRow("NaN after the seed") << 2 << Series{1, 2, 4, 8, N, 16} << Series{N, N, N, 7.7407407407407405, N, 15.794238683127572};
    QTest::newRow("-inf counts as missing") << 2 << Series{1, 2, 4, 8, -I, 16} << Series{N, N, N, 7.7407407407407405, N, 15.794238683127572};
    QTest::newRow("window longer than n") << 2 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << 1 << Series{3} << Series{3};
    QTest::newRow("empty") << 5 << Series{} << Series{};
    QTest::newRow("window 0 taken as 1") << 0 << Series{2, 3} << Series{2, 3};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::tema(in, window, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(TemaTest)
#include "test_tema.moc"
