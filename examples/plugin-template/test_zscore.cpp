// The z-score kernel on hand-checked series.
#include "zscore.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

class ZscoreTest : public QObject {
  Q_OBJECT

 private slots:
  void handChecked() {
    // window 3 over 1, 2, 3, 6: means 2, 11/3; sample deviations 1, sqrt(13/3).
    const std::vector<double> close{1, 2, 3, 6};
    std::vector<double> out(close.size());
    zscore_example::zscore(close, 3, out);
    QVERIFY(std::isnan(out[0]) && std::isnan(out[1]));
    QCOMPARE(out[2], 1.0);
    QVERIFY(std::abs(out[3] - (6 - 11.0 / 3) / std::sqrt(13.0 / 3)) < 1e-12);
  }
  void flatWindowIsNaN() {
    const std::vector<double> close{5, 5, 5};
    std::vector<double> out(close.size());
    zscore_example::zscore(close, 2, out);
    QVERIFY(std::isnan(out[1]) && std::isnan(out[2]));
  }
};

QTEST_GUILESS_MAIN(ZscoreTest)
#include "test_zscore.moc"
