// MACD on a hand-checked series: EMAs with adjust=False seeded with the first close.
#include "kernel_test.h"
#include "macd.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class MacdTest : public QObject {
  Q_OBJECT

 private slots:
  void handChecked() {
    // fast 1 (alpha 1: the close itself), slow 2 (alpha 2/3): 1, 5/3, 29/9; signal 2.
    const Series close{1, 2, 4};
    Series line(3, kUnwritten), signal(3, kUnwritten), histogram(3, kUnwritten);
    indicators::macd(close, 1, 2, 2, line, signal, histogram);
    for (const auto& [got, expected] : {std::pair{line, Series{0, 1.0 / 3, 7.0 / 9}},
                                        std::pair{signal, Series{0, 2.0 / 9, 16.0 / 27}},
                                        std::pair{histogram, Series{0, 1.0 / 9, 5.0 / 27}}}) {
      STRATA_VERIFY_SERIES(got, expected);
    }
  }
  void missingCloseCarriesTheAverages() {
    // A NaN close: every EMA carries its value (pandas ignore_na=False decays the old weight,
    // so the next close counts more).
    const Series close{1, N, 4};
    Series line(3), signal(3), histogram(3);
    indicators::macd(close, 1, 2, 2, line, signal, histogram);
    QCOMPARE(line[0], 0.0);
    QCOMPARE(line[1], 0.0);  // both EMAs still 1
    // slow: old weight (1/3)^2 against 2/3: (1/9 * 1 + 2/3 * 4) / (1/9 + 2/3) = 25/7
    QVERIFY2(same(line[2], 4 - 25.0 / 7), qPrintable(QString::number(line[2], 'g', 17)));
  }
  void empty() {
    Series none;
    indicators::macd(none, 12, 26, 9, none, none, none);
  }
};

QTEST_GUILESS_MAIN(MacdTest)
#include "test_macd.moc"
