// PPO on hand-checked series with either moving average, TA-Lib's 0 on a zero slow average,
// missing values, tiny inputs.
#include "kernel_test.h"
#include "ppo.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;
using kernels::MovingAverage;

Q_DECLARE_METATYPE(kernels::MovingAverage)

class PpoTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<MovingAverage>("kind");
    QTest::addColumn<int>("fast");
    QTest::addColumn<int>("slow");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    // SMA 2 = 2.5, 3.5, 4.5 against SMA 3 = 2, 3, 4.
    QTest::newRow("sma 2, 3") << MovingAverage::Sma << 2 << 3 << Series{1, 2, 3, 4, 5} << Series{N, N, 25, 50.0 / 3, 12.5};
    // EMA 2 = 19/6, 115/18 against EMA 3 = 7/3, 31/6.
    QTest::newRow("ema 2, 3") << MovingAverage::Ema << 2 << 3 << Series{1, 2, 4, 8}
                              << Series{N, N, 500.0 / 14, 6600.0 / 279};
    QTest::newRow("zero slow average is 0 (TA-Lib)") << MovingAverage::Sma << 1 << 2 << Series{1, -1, 1} << Series{N, 0, 0};
    QTest::newRow("NaN blanks the SMA windows") << MovingAverage::Sma << 1 << 2 << Series{1, N, 3, 5} << Series{N, N, N, 25};
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
    indicators::ppo(in, fast, slow, kind, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(PpoTest)
#include "test_ppo.moc"
