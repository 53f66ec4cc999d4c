// The four rate-of-change forms on hand-checked series, TA-Lib's 0 for a zero base, missing
// values, tiny inputs and bad periods.
#include "kernel_test.h"
#include "roc.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;
using indicators::RocForm;

Q_DECLARE_METATYPE(indicators::RocForm)

class RocTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<RocForm>("form");
    QTest::addColumn<int>("period");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    const Series path{4, 5, 2, 6};  // against two rows back: 2/4 and 6/5
    QTest::newRow("roc") << RocForm::Percent << 2 << path << Series{N, N, -50, 20};
    QTest::newRow("rocp") << RocForm::Fraction << 2 << path << Series{N, N, -0.5, 0.2};
    QTest::newRow("rocr") << RocForm::Ratio << 2 << path << Series{N, N, 0.5, 1.2};
    QTest::newRow("rocr100") << RocForm::Ratio100 << 2 << path << Series{N, N, 50, 120};
    QTest::newRow("zero base is 0 (TA-Lib)") << RocForm::Ratio << 1 << Series{0, 3, 0, 0} << Series{N, 0, 0, 0};
    QTest::newRow("zero base is 0 for roc too") << RocForm::Percent << 1 << Series{0, 3} << Series{N, 0};
    QTest::newRow("NaN reaches two rows") << RocForm::Fraction << 1 << Series{1, N, 2, 3} << Series{N, N, N, 0.5};
    QTest::newRow("inf reaches two rows") << RocForm::Ratio << 1 << Series{1, I, 2, 3} << Series{N, I, 0, 1.5};
    QTest::newRow("period 0 compares with itself") << RocForm::Ratio << 0 << Series{2, 3} << Series{1, 1};
    QTest::newRow("period longer than n") << RocForm::Percent << 5 << Series{1, 2} << Series{N, N};
    QTest::newRow("one row") << RocForm::Percent << 1 << Series{1} << Series{N};
    QTest::newRow("empty") << RocForm::Percent << 1 << Series{} << Series{};
    QTest::newRow("negative period taken as 0") << RocForm::Fraction << -2 << Series{2, 3} << Series{0, 0};
  }
  void golden() {
    QFETCH(RocForm, form);
    QFETCH(int, period);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::roc(in, period, form, out);
    STRATA_VERIFY_SERIES(out, expected);
  }
};

QTEST_GUILESS_MAIN(RocTest)
#include "test_roc.moc"
