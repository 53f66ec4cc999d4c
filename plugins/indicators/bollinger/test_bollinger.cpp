// Bollinger bands on a hand-checked series, and TA-Lib's three bands alone (bandwidth and %B
// not asked for) equal to the five-column run bit for bit.
#include "bollinger.h"
#include "kernel_test.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace strata;
using namespace strata::testing;

class BollingerTest : public QObject {
  Q_OBJECT

 private slots:
  void handChecked() {
    // window 2, ddof 1: means 2, 4; standard deviations sqrt(2); bands at 2 of them.
    const Series close{1, 3, 5};
    Series up(3, kUnwritten), mid(3, kUnwritten), low(3, kUnwritten), width(3, kUnwritten), percent(3, kUnwritten);
    indicators::bollinger(close, 2, 2.0, 1, up, mid, low, width, percent);
    const double s = 2 * std::sqrt(2.0);
    const std::pair<Series, Series> columns[] = {
        {up, {N, 2 + s, 4 + s}},
        {mid, {N, 2, 4}},
        {low, {N, 2 - s, 4 - s}},
        {width, {N, 2 * s / 2, 2 * s / 4}},
        {percent, {N, (3 - (2 - s)) / (2 * s), (5 - (4 - s)) / (2 * s)}}};
    for (const auto& [got, expected] : columns) {
      STRATA_VERIFY_SERIES(got, expected);
    }
  }
  void populationDeviation() {
    const Series close{1, 3};
    Series up(2), mid(2), low(2), width(2), percent(2);
    indicators::bollinger(close, 2, 1.0, 0, up, mid, low, width, percent);
    QVERIFY2(same(up[1], 3) && same(low[1], 1), qPrintable(show(up) + " / " + show(low)));
  }
  void withoutDerivedColumns() {
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(90, 110);
    Series x(500);
    for (double& v : x) v = u(rng);
    x[77] = N;
    Series up(x.size()), mid(x.size()), low(x.size()), width(x.size()), percent(x.size());
    Series up3(x.size()), mid3(x.size()), low3(x.size());
    indicators::bollinger(x, 20, 2.0, 1, up, mid, low, width, percent);
    indicators::bollinger(x, 20, 2.0, 1, up3, mid3, low3, {}, {});
    for (std::size_t i = 0; i < x.size(); ++i)
      QVERIFY2(same(up[i], up3[i], 0) && same(mid[i], mid3[i], 0) && same(low[i], low3[i], 0),
               qPrintable(QStringLiteral("row %1").arg(i)));
    QVERIFY(std::isnan(mid[77]) && !std::isnan(mid[120]));
  }
  void windowNotAboveDdofIsNaN() {
    const Series close{1, 2, 3};
    Series up(3, kUnwritten), mid(3, kUnwritten), low(3, kUnwritten), width(3, kUnwritten), percent(3, kUnwritten);
    indicators::bollinger(close, 1, 2.0, 1, up, mid, low, width, percent);
    for (const Series& column : {up, low, width, percent})
      QVERIFY2(compareSeries(column, {N, N, N}).isEmpty(), qPrintable(show(column)));
  }
};

QTEST_GUILESS_MAIN(BollingerTest)
#include "test_bollinger.moc"
