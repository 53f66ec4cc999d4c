// The lag kernel on hand-checked series, bad parameters included.
#include "kernel_test.h"
#include "lag.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class LagTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("p");
    QTest::addColumn<Series>("x");
    QTest::addColumn<Series>("expected");
    QTest::newRow("lag 1") << 1 << Series{1, 2, 3} << Series{N, 1, 2};
    QTest::newRow("lag 0 copies") << 0 << Series{1, N, I} << Series{1, N, I};
    QTest::newRow("NaN and inf carried as they are") << 1 << Series{N, I, -I, 4} << Series{N, N, I, -I};
    QTest::newRow("longer than n") << 5 << Series{1, 2} << Series{N, N};
    QTest::newRow("negative is 0") << -3 << Series{1, 2} << Series{1, 2};
    QTest::newRow("empty") << 1 << Series{} << Series{};
  }
  void golden() {
    QFETCH(int, p);
    QFETCH(Series, x);
    QFETCH(Series, expected);
    Series out(x.size(), kUnwritten);
    transforms::lag(x, p, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(LagTest)
#include "test_lag.moc"
