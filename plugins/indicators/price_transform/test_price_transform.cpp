// The four price transforms on hand-checked bars, missing values and empty input.
#include "kernel_test.h"
#include "price_transform.h"

#include <QTest>

using namespace strata;
using namespace strata::testing;

class PriceTransformTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<Series>("expected");
    // Bars: (open, high, low, close) = (2, 5, 1, 4), (4, 6, 2, 3), and one missing high, one -inf low.
    QTest::newRow("average") << QStringLiteral("average") << Series{3, 3.75, N, -I};
    QTest::newRow("median") << QStringLiteral("median") << Series{3, 4, N, -I};
    QTest::newRow("typical") << QStringLiteral("typical") << Series{10.0 / 3, 11.0 / 3, N, -I};
    QTest::newRow("weighted close") << QStringLiteral("weighted") << Series{3.5, 3.5, N, -I};
  }
  void golden() {
    QFETCH(QString, kind);
    QFETCH(Series, expected);
    const Series open{2, 4, 1, 1}, high{5, 6, N, 2}, low{1, 2, 1, -I}, close{4, 3, 1, 1};
    Series out(open.size(), kUnwritten);
    if (kind == u"average") indicators::averagePrice(open, high, low, close, out);
    if (kind == u"median") indicators::medianPrice(high, low, out);
    if (kind == u"typical") indicators::typicalPrice(high, low, close, out);
    if (kind == u"weighted") indicators::weightedClosePrice(high, low, close, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void emptyInput() {
    Series out;
    indicators::averagePrice({}, {}, {}, {}, out);
    indicators::medianPrice({}, {}, out);
    indicators::typicalPrice({}, {}, {}, out);
    indicators::weightedClosePrice({}, {}, {}, out);
    QVERIFY(out.empty());
  }
};

QTEST_GUILESS_MAIN(PriceTransformTest)
#include "test_price_transform.moc"
