// The crossover kernel on hand-checked series: +1 / -1 on the row a crosses b, NaN never
// crosses.
#include "crossover.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class CrossoverTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<Series>("a");
    QTest::addColumn<Series>("b");
    QTest::addColumn<Series>("expected");
    QTest::newRow("up, flat, down") << Series{1, 3, 3, 1, 2} << Series{2, 2, 2, 2, 2} << Series{0, 1, 0, -1, 0};
    QTest::newRow("touching then above counts once") << Series{1, 2, 3, 3} << Series{2, 2, 2, 2} << Series{0, 0, 1, 0};
    QTest::newRow("NaN is 0") << Series{N, 3, 1} << Series{2, 2, N} << Series{0, 0, 0};
    QTest::newRow("infinities compare") << Series{-I, I} << Series{0, 0} << Series{0, 1};
    QTest::newRow("one row") << Series{5} << Series{1} << Series{0};
    QTest::newRow("empty") << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(Series, a);
    QFETCH(Series, b);
    QFETCH(Series, expected);
    Series out(a.size(), kUnwritten);
    transforms::crossover(a, b, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(CrossoverTest)
#include "test_crossover.moc"
