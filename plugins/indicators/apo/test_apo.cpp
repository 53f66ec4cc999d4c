// APO on hand-checked series with either moving average, missing values, tiny inputs.
#include "apo.h"
#include "kernel_test.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;
using kernels::MovingAverage;

Q_DECLARE_METATYPE(kernels::MovingAverage)

class ApoTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<MovingAverage>("kind");
    QTest::addColumn<int>("fast");
    QTest::addColumn<int>("slow");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    QTest::newRow("sma 2, 3") << MovingAverage::Sma << 2 << 3 << Series{1, 2, 3, 4, 5} << Series{N, N, 0.5, 0.5, 0.5};
    // EMA 2 = 3/2, 19/6, 115/18 from row 1; EMA 3 = 7/3, 31/6 from row 2.
    QTest::newRow("ema 2, 3") << MovingAverage::Ema << 2 << 3 << Series{1, 2, 4, 8} << Series{N, N, 5.0 / 6, 11.0 / 9};
    QTest::newRow("constant is 0") << MovingAverage::Ema << 2 << 4 << Series{3, 3, 3, 3, 3} << Series{N, N, N, 0, 0};
    QTest::newRow("NaN blanks the SMA windows") << MovingAverage::Sma << 1 << 2 << Series{1, N, 3, 5} << Series{N, N, N, 1};
    QTest::newRow("inf: NaN rows after the EMA seed") << MovingAverage::Ema << 1 << 2 << Series{1, 3, I, 4} << Series{N, 1, N, 4 - (2.0 / 3 + 8.0 / 3)};
    QTest::newRow("slow window longer than n") << MovingAverage::Sma << 2 << 5 << Series{1, 2, 3} << Series{N, N, N};
    QTest::newRow("one row") << MovingAverage::Sma << 1 << 2 << Series{1} << Series{N};
    QTest::newRow("empty") << MovingAverage::Ema << 2 << 3 << Series{} << Series{};
  }
  void golden() {
    QFETCH(MovingAverage, kind);
    QFETCH(int, fast);
    QFETCH(int, slow);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::apo(in, fast, slow, kind, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(ApoTest)
#include "test_apo.moc"
