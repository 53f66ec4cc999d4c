// Population variance and standard deviation on hand-checked windows, TA-Lib's 0 below a 1e-8
// variance, missing values, tiny inputs, bad windows, and an exact two-pass computation in long
// double on data that defeats running sums (a large level with small noise, a spike leaving).
#include "kernel_test.h"
#include "stddev.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace strata;
using namespace strata::testing;

namespace {

// Population variance of each window, two-pass in long double.
Series twoPassVariance(const Series& x, std::size_t w) {
  Series out(x.size(), N);
  for (std::size_t i = w - 1; i < x.size(); ++i) {
    long double mean = 0, m2 = 0;
    for (std::size_t j = i + 1 - w; j <= i; ++j) mean += x[j];
    mean /= w;
    for (std::size_t j = i + 1 - w; j <= i; ++j) m2 += (x[j] - mean) * (x[j] - mean);
    out[i] = static_cast<double>(m2 / w);
  }
  return out;
}

Series nasty(int kind) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  Series x(2000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (kind == 0) x[i] = 1e6 + 1e-2 * noise(random);                 // level 1e6, noise 1e-2
    if (kind == 1) x[i] = (i % 500 == 250 ? 1e9 : 100.0) + noise(random);  // spikes that leave
    if (kind == 2) x[i] = 1e-3 * noise(random);                          // around zero
  }
  return x;
}

}  // namespace

class StddevTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<double>("nbDev");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("variance");
    QTest::addColumn<Series>("stddev");
    QTest::newRow("window 2") << 2 << 1.0 << Series{1, 3, 6} << Series{N, 1, 2.25} << Series{N, 1, 1.5};
    QTest::newRow("nb_dev 2") << 2 << 2.0 << Series{1, 3, 6} << Series{N, 1, 2.25} << Series{N, 2, 3};
    QTest::newRow("window 3") << 3 << 1.0 << Series{2, 4, 6, 6} << Series{N, N, 8.0 / 3, 8.0 / 9}
                              << Series{N, N, std::sqrt(8.0 / 3), std::sqrt(8.0 / 9)};
    QTest::newRow("large level, exact") << 2 << 1.0 << Series{1e9 + 1, 1e9 + 3, 1e9 + 6}
                                        << Series{N, 1, 2.25} << Series{N, 1, 1.5};
    QTest::newRow("constant is 0") << 2 << 1.0 << Series{5, 5, 5} << Series{N, 0, 0} << Series{N, 0, 0};
    QTest::newRow("variance below 1e-8: stddev 0 (TA-Lib)")
        << 2 << 1.0 << Series{1, 1.0001} << Series{N, 0.0001 * 0.0001 / 4} << Series{N, 0};
    QTest::newRow("NaN blanks its windows") << 2 << 1.0 << Series{1, N, 3, 6} << Series{N, N, N, 2.25} << Series{N, N, N, 1.5};
    QTest::newRow("inf blanks its windows") << 2 << 1.0 << Series{1, I, 3, 6} << Series{N, N, N, 2.25} << Series{N, N, N, 1.5};
    QTest::newRow("window longer than n") << 3 << 1.0 << Series{1, 2} << Series{N, N} << Series{N, N};
    QTest::newRow("one row, window 1") << 1 << 1.0 << Series{4} << Series{0} << Series{0};
    QTest::newRow("two rows") << 2 << 1.0 << Series{4, 6} << Series{N, 1} << Series{N, 1};
    QTest::newRow("empty") << 5 << 1.0 << Series{} << Series{} << Series{};
    QTest::newRow("window 0 refused: NaN") << 0 << 1.0 << Series{1, 2} << Series{N, N} << Series{N, N};
    QTest::newRow("negative window refused: NaN") << -3 << 1.0 << Series{1, 2} << Series{N, N} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(double, nbDev);
    QFETCH(Series, in);
    QFETCH(Series, variance);
    QFETCH(Series, stddev);
    Series out(in.size(), kUnwritten);
    indicators::variance(in, window, out);
    STRATA_VERIFY_SERIES(out, variance);
    std::fill(out.begin(), out.end(), kUnwritten);
    indicators::stddev(in, window, nbDev, out);
    STRATA_VERIFY_SERIES(out, stddev);
  }

  void exact_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("window");
    QTest::newRow("level 1e6, noise 1e-2, window 5") << 0 << 5;
    QTest::newRow("level 1e6, noise 1e-2, window 100") << 0 << 100;
    QTest::newRow("spikes of 1e9 leaving, window 5") << 1 << 5;
    QTest::newRow("spikes of 1e9 leaving, window 30") << 1 << 30;
    QTest::newRow("around zero, window 5") << 2 << 5;
  }
  // Within 1e-9 relative of the two-pass variance on every row (the variance is its own scale).
  void exact() {
    QFETCH(int, kind);
    QFETCH(int, window);
    const Series x = nasty(kind), expected = twoPassVariance(x, std::size_t(window));
    Series out(x.size(), kUnwritten);
    indicators::variance(x, window, out);
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!std::isnan(expected[i]))
        QVERIFY2(std::abs(out[i] - expected[i]) <= 1e-9 * expected[i],
                 qPrintable(QStringLiteral("row %1: %2, two-pass %3").arg(i).arg(out[i], 0, 'g', 17)
                                .arg(expected[i], 0, 'g', 17)));
  }
};

QTEST_GUILESS_MAIN(StddevTest)
#include "test_stddev.moc"
