// OBV on hand-checked series: volume added on an up close, subtracted on a down close; a flat
// or missing change carries the total (even past a NaN volume).
#include "kernel_test.h"
#include "obv.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class ObvTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("volume");
    QTest::addColumn<Series>("expected");
    QTest::newRow("up, flat, down, missing") << Series{1, 2, 2, 1, N, 3} << Series{10, 20, 30, 40, 50, 60}
                                             << Series{0, 20, 20, -20, -20, -20};
    QTest::newRow("NaN volume on a flat row adds nothing") << Series{1, 1, 2} << Series{5, N, 7} << Series{0, 0, 7};
    QTest::newRow("NaN volume on a move is NaN") << Series{1, 2} << Series{5, N} << Series{0, N};
    QTest::newRow("one row") << Series{4} << Series{9} << Series{0};
    QTest::newRow("empty") << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(Series, close);
    QFETCH(Series, volume);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::obv(close, volume, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(ObvTest)
#include "test_obv.moc"
