// BOP on hand-checked bars, TA-Lib's 0 for a zero or negative range, missing values, tiny inputs.
#include "bop.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class BopTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<Series>("open");
    QTest::addColumn<Series>("high");
    QTest::addColumn<Series>("low");
    QTest::addColumn<Series>("close");
    QTest::addColumn<Series>("expected");
    QTest::newRow("up, down and flat bodies") << Series{2, 4, 3} << Series{5, 5, 4} << Series{1, 1, 2} << Series{4, 2, 3}
                                              << Series{0.5, -0.5, 0};
    QTest::newRow("full range") << Series{1} << Series{3} << Series{1} << Series{3} << Series{1};
    QTest::newRow("zero range is 0 (TA-Lib)") << Series{5} << Series{5} << Series{5} << Series{5} << Series{0};
    QTest::newRow("range below 1e-8 is 0 (TA-Lib)") << Series{5} << Series{5 + 5e-9} << Series{5} << Series{5 + 5e-9} << Series{0};
    QTest::newRow("negative range is 0 (TA-Lib)") << Series{2} << Series{1} << Series{3} << Series{2.5} << Series{0};
    QTest::newRow("missing values are NaN") << Series{N, 1, 1, 1} << Series{2, N, 2, I} << Series{1, 1, -I, 1} << Series{2, 2, 2, 2}
                                            << Series{N, N, N, N};
    QTest::newRow("missing close on a zero range is NaN") << Series{5} << Series{5} << Series{5} << Series{N} << Series{N};
    QTest::newRow("empty") << Series{} << Series{} << Series{} << Series{} << Series{};
  }
  void golden() {
    QFETCH(Series, open);
    QFETCH(Series, high);
    QFETCH(Series, low);
    QFETCH(Series, close);
    QFETCH(Series, expected);
    Series out(close.size(), kUnwritten);
    indicators::bop(open, high, low, close, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(BopTest)
#include "test_bop.moc"
