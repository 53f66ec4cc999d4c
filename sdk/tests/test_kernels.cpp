// Golden tests of every shared SDK kernel on small hand-checked series (TA-Lib style:
// table-driven, bad parameters included), and accuracy against an exact two-pass computation where running sums
// are known to fail: prices near 1e6 with tiny variance, and a spike leaving the window.
#include "kernel_test.h"
#include "strata/sdk/kernels.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

using namespace strata;
using strata::testing::Series;
using strata::testing::same;
using strata::testing::show;
using strata::testing::N;
using strata::testing::I;

namespace {

// Runs one kernel by name with parameter p on x (and y for two-input kernels).
Series run(const QString& kernel, int p, const Series& x, const Series& y) {
  Series out(x.size(), strata::testing::kUnwritten);  // every row must be written
  if (kernel == u"diff") kernels::diff(x, p, out);
  else if (kernel == u"pct") kernels::pctChange(x, p, out);
  else if (kernel == u"mean") kernels::rollingMean(x, p, out);
  else if (kernel == u"std") kernels::rollingStd(x, p, 1, out);
  else if (kernel == u"pstd") kernels::rollingStd(x, p, 0, out);
  else if (kernel == u"var") kernels::rollingVar(x, p, 1, out);
  else if (kernel == u"min") kernels::rollingMin(x, p, out);
  else if (kernel == u"max") kernels::rollingMax(x, p, out);
  else if (kernel == u"corr") kernels::rollingCorr(x, y, p, out);
  else if (kernel == u"ewm") kernels::ewmMean(x, 2.0 / (p + 1.0), 1, out);
  else if (kernel == u"wilder") kernels::wilderMean(x, p, out);
  else if (kernel == u"ema") kernels::smaSeededEma(x, p, out);
  return out;
}

double exactStd(const Series& x, std::size_t end, std::size_t w) {
  long double mean = 0;
  for (std::size_t k = end + 1 - w; k <= end; ++k) mean += x[k];
  mean /= static_cast<long double>(w);
  long double m2 = 0;
  for (std::size_t k = end + 1 - w; k <= end; ++k) m2 += (x[k] - mean) * (x[k] - mean);
  return static_cast<double>(std::sqrt(m2 / static_cast<long double>(w - 1)));
}

}  // namespace

class KernelTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<QString>("kernel");
    QTest::addColumn<int>("p");
    QTest::addColumn<Series>("x");
    QTest::addColumn<Series>("y");
    QTest::addColumn<Series>("expected");
    const Series none;
    auto row = [](const char* name) -> QTestData& { return QTest::newRow(name); };
    row("diff 2 with NaN") << QStringLiteral("diff") << 2 << Series{1, N, 4, 8} << none << Series{N, N, 3, N};
    row("pct forward-fills NaN") << QStringLiteral("pct") << 1 << Series{1, 2, N, 3, 4} << none << Series{N, 1, 0, 0.5, 1.0 / 3.0};
    row("pct x/0 is inf, 0/0 NaN") << QStringLiteral("pct") << 1 << Series{0, 1, 0, 0} << none << Series{N, I, -1, N};
    row("pct leading NaN") << QStringLiteral("pct") << 1 << Series{N, N, 2, 4} << none << Series{N, N, N, 1};
    row("mean 3") << QStringLiteral("mean") << 3 << Series{1, 2, 3, 4, 5} << none << Series{N, N, 2, 3, 4};
    row("mean window 1") << QStringLiteral("mean") << 1 << Series{1, 2} << none << Series{1, 2};
    row("mean window > n") << QStringLiteral("mean") << 5 << Series{1, 2, 3} << none << Series{N, N, N};
    row("mean window 0 refused") << QStringLiteral("mean") << 0 << Series{1, 2} << none << Series{N, N};
    row("mean NaN needs a full window") << QStringLiteral("mean") << 2 << Series{1, N, 3, 5} << none << Series{N, N, N, 4};
    row("mean inf counts as missing") << QStringLiteral("mean") << 2 << Series{1, I, 3, 5} << none << Series{N, N, N, 4};
    row("std sample") << QStringLiteral("std") << 3 << Series{2, 4, 6, 8} << none << Series{N, N, 2, 2};
    row("std population") << QStringLiteral("pstd") << 2 << Series{1, 3, 7} << none << Series{N, 1, 2};
    row("std window 1 sample is NaN") << QStringLiteral("std") << 1 << Series{1, 2} << none << Series{N, N};
    row("std constant is exactly 0") << QStringLiteral("std") << 3 << Series{0.1, 0.1, 0.1, 0.1} << none << Series{N, N, 0, 0};
    row("var") << QStringLiteral("var") << 2 << Series{1, 3, 7} << none << Series{N, 2, 8};
    row("min") << QStringLiteral("min") << 3 << Series{5, 3, 4, 1, 2, 6} << none << Series{N, N, 3, 1, 1, 1};
    row("max") << QStringLiteral("max") << 2 << Series{5, 3, 4, 1, 2, 6} << none << Series{N, 5, 4, 4, 2, 6};
    row("max with NaN") << QStringLiteral("max") << 2 << Series{1, N, 3, 2} << none << Series{N, N, N, 3};
    row("min window > n") << QStringLiteral("min") << 9 << Series{1, 2} << none << Series{N, N};
    row("corr perfect") << QStringLiteral("corr") << 3 << Series{1, 2, 3, 4} << Series{2, 4, 6, 9} << Series{N, N, 1, 0.99339926779878285};
    row("corr constant side is NaN") << QStringLiteral("corr") << 2 << Series{1, 2, 3} << Series{5, 5, 6} << Series{N, N, 1};
    row("corr window 1 refused") << QStringLiteral("corr") << 1 << Series{1, 2} << Series{1, 2} << Series{N, N};
    row("ewm span 3") << QStringLiteral("ewm") << 3 << Series{1, 1, 1, 2} << none << Series{1, 1, 1, 1.5};
    row("ewm NaN decays the old weight") << QStringLiteral("ewm") << 3 << Series{1, N, N, 2} << none << Series{1, 1, 1, 1.8};
    row("ewm leading NaN") << QStringLiteral("ewm") << 3 << Series{N, 4, 2} << none << Series{N, 4, 3};
    row("wilder 3") << QStringLiteral("wilder") << 3 << Series{1, 2, 3, 6} << none << Series{N, N, 2, 2 + (6 - 2) / 3.0};
    row("wilder NaN before seed restarts") << QStringLiteral("wilder") << 2 << Series{1, N, 3, 5, 7} << none << Series{N, N, N, 4, 5.5};
    row("wilder NaN after seed") << QStringLiteral("wilder") << 2 << Series{1, 3, N, 6} << none << Series{N, 2, N, 4};
    // TA-Lib's EMA: seeded with the mean of the first window values, then alpha = 2 / (window + 1).
    row("ema 3") << QStringLiteral("ema") << 3 << Series{1, 2, 3, 6} << none << Series{N, N, 2, 4};
    row("ema NaN before seed restarts") << QStringLiteral("ema") << 2 << Series{1, N, 3, 5, 7} << none << Series{N, N, N, 4, 6};
    row("ema NaN after seed") << QStringLiteral("ema") << 2 << Series{1, 3, N, 6} << none << Series{N, 2, N, 14.0 / 3};
    row("ema inf after seed") << QStringLiteral("ema") << 2 << Series{1, 3, -I, 6} << none << Series{N, 2, N, 14.0 / 3};
    row("ema window > n") << QStringLiteral("ema") << 3 << Series{1, 2} << none << Series{N, N};
    row("ema empty") << QStringLiteral("ema") << 3 << none << none << none;
  }

  void golden() {
    QFETCH(QString, kernel);
    QFETCH(int, p);
    QFETCH(Series, x);
    QFETCH(Series, y);
    QFETCH(Series, expected);
    const Series got = run(kernel, p, x, y);
    QCOMPARE(got.size(), expected.size());
    bool ok = true;
    for (std::size_t i = 0; i < got.size(); ++i) ok = ok && same(got[i], expected[i]);
    QVERIFY2(ok, qPrintable(QStringLiteral("got [%1], expected [%2]").arg(show(got), show(expected))));
  }

  void stdExactOnLargePrices() {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> step(0.0, 1e-3);
    Series x(20000);
    double price = 1e6;
    for (double& v : x) v = price += step(rng);
    for (int w : {5, 20, 50}) {
      Series out(x.size());
      kernels::rollingStd(x, w, 1, out);
      for (std::size_t i = static_cast<std::size_t>(w) - 1; i < x.size(); ++i) {
        const double exact = exactStd(x, i, static_cast<std::size_t>(w));
        QVERIFY2(std::abs(out[i] - exact) <= 1e-9 * exact,
                 qPrintable(QStringLiteral("w %1 row %2: %3 vs exact %4").arg(w).arg(i).arg(out[i], 0, 'g', 17).arg(exact, 0, 'g', 17)));
      }
    }
  }

  void spikeLeavesNoResidue() {
    Series x(200, 1.0);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = 1.0 + 1e-3 * static_cast<double>(i % 7);
    x[50] = 1e12;
    Series mean(x.size()), std(x.size());
    kernels::rollingMeanStd(x, 10, 1, mean, std);
    for (std::size_t i = 60; i < x.size(); ++i) {
      const double exact = exactStd(x, i, 10);
      QVERIFY2(std::abs(std[i] - exact) <= 1e-12 * exact, qPrintable(QString::number(i)));
      double sum = 0;
      for (std::size_t k = i - 9; k <= i; ++k) sum += x[k];
      QVERIFY(std::abs(mean[i] - sum / 10) <= 1e-14);
    }
  }

  // Block-wise sums: every window position relative to the blocks, windows shorter and longer
  // than the compensation threshold, missing values and spikes at block edges, flat stretches.
  void meanStdExactAroundBlockEdges() {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> step(0.0, 1e-4);
    std::uniform_int_distribution<int> event(0, 99);
    Series x(1237);
    double price = 1e6;
    for (std::size_t i = 0; i < x.size(); ++i) {
      price += step(rng);
      const int e = event(rng);
      x[i] = e == 0 ? N : e == 1 ? I : e == 2 ? -I : e == 3 ? 1e12 : price;
    }
    for (std::size_t i = 600; i < 800; ++i) x[i] = 0.1;  // flat: exactly mean 0.1, std 0
    for (int w : {1, 2, 3, 7, 20, 64, 65, 130}) {
      const auto wz = static_cast<std::size_t>(w);
      for (int ddof : {0, 1}) {
        Series mean(x.size()), std(x.size());
        kernels::rollingMeanStd(x, w, ddof, mean, std);
        for (std::size_t i = 0; i < x.size(); ++i) {
          const QString where = QStringLiteral("w %1 ddof %2 row %3").arg(w).arg(ddof).arg(i);
          bool missing = i + 1 < wz;
          long double sum = 0;
          for (std::size_t k = i + 1 - std::min(wz, i + 1); k <= i; ++k) {
            missing = missing || !std::isfinite(x[k]);
            sum += x[k];
          }
          if (missing) {
            QVERIFY2(std::isnan(mean[i]) && std::isnan(std[i]), qPrintable(where));
            continue;
          }
          const long double m = sum / w;
          long double m2 = 0;
          for (std::size_t k = i + 1 - wz; k <= i; ++k) m2 += (x[k] - m) * (x[k] - m);
          const double exactMean = static_cast<double>(m);
          const double exactStd = w > ddof ? static_cast<double>(std::sqrt(m2 / (w - ddof))) : N;
          QVERIFY2(std::abs(mean[i] - exactMean) <= 1e-14 * std::abs(exactMean), qPrintable(where));
          if (std::isnan(exactStd)) {
            QVERIFY2(std::isnan(std[i]), qPrintable(where));
          } else if (exactStd == 0) {
            QVERIFY2(std[i] == 0 && mean[i] == x[i], qPrintable(where));
          } else {
            QVERIFY2(std::abs(std[i] - exactStd) <= 1e-10 * exactStd,
                     qPrintable(where + QStringLiteral(": %1 vs %2").arg(std[i], 0, 'g', 17).arg(exactStd, 0, 'g', 17)));
          }
        }
        // Truncation invariance, bit for bit: the block layout depends on rows before i only.
        for (std::size_t cut : {wz - 1, 2 * wz - 1, 2 * wz, 3 * wz + 1, x.size() / 2 + 5}) {
          if (cut >= x.size()) continue;
          const Series head(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(cut) + 1);
          Series headMean(head.size()), headStd(head.size());
          kernels::rollingMeanStd(head, w, ddof, headMean, headStd);
          QVERIFY(std::memcmp(&headMean[cut], &mean[cut], sizeof(double)) == 0);
          QVERIFY(std::memcmp(&headStd[cut], &std[cut], sizeof(double)) == 0);
        }
      }
    }
  }

  // Block-wise extremes against a direct scan of every window: window lengths that divide the
  // series and that do not, windows longer than the series, missing values at block edges.
  void minMaxExactAroundBlockEdges() {
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(-1, 1);
    std::uniform_int_distribution<int> event(0, 49);
    for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{97}, std::size_t{1000}}) {
      for (bool withMissing : {false, true}) {
        Series x(n);
        for (double& v : x) {
          const int e = withMissing ? event(rng) : 9;
          v = e == 0 ? N : e == 1 ? I : e == 2 ? -I : u(rng);
        }
        for (int w : {1, 2, 3, 5, 20, 64, 97, 130}) {
          const auto wz = static_cast<std::size_t>(w);
          Series lo(n), hi(n);
          kernels::rollingMin(x, w, lo);
          kernels::rollingMax(x, w, hi);
          for (std::size_t i = 0; i < n; ++i) {
            const QString where = QStringLiteral("n %1 w %2 row %3").arg(n).arg(w).arg(i);
            bool missing = i + 1 < wz;
            double expectLo = I, expectHi = -I;
            for (std::size_t k = i + 1 - std::min(wz, i + 1); k <= i; ++k) {
              missing = missing || !std::isfinite(x[k]);
              expectLo = std::min(expectLo, x[k]);
              expectHi = std::max(expectHi, x[k]);
            }
            if (missing) {
              QVERIFY2(std::isnan(lo[i]) && std::isnan(hi[i]), qPrintable(where));
            } else {
              QVERIFY2(lo[i] == expectLo && hi[i] == expectHi, qPrintable(where));
            }
          }
        }
      }
    }
  }

  // pct_change against pandas' definition spelled out (forward fill, then x[i] / x[i - p] - 1),
  // bit for bit: with only a leading NaN run (the vectorised path) and with interior NaN runs.
  void pctChangeMatchesForwardFillDefinition() {
    std::mt19937_64 rng(23);
    std::uniform_real_distribution<double> u(-2, 2);
    std::uniform_int_distribution<int> event(0, 19);
    for (bool interior : {false, true})
      for (std::size_t leadingNaN : {std::size_t{0}, std::size_t{3}, std::size_t{40}}) {
        Series x(2000);
        for (std::size_t i = 0; i < x.size(); ++i) {
          const int e = event(rng);
          x[i] = i < leadingNaN ? N : interior && e == 0 ? N : e == 1 ? 0.0 : e == 2 ? I : u(rng);
        }
        Series filled = x;
        for (std::size_t i = 1; i < x.size(); ++i)
          if (std::isnan(filled[i])) filled[i] = filled[i - 1];
        for (int p : {1, 2, 7, 1999, 2000, 2500}) {
          Series got(x.size());
          kernels::pctChange(x, p, got);
          for (std::size_t i = 0; i < x.size(); ++i) {
            const auto back = static_cast<std::size_t>(p);
            const double expected = i < back ? N : filled[i] / filled[i - back] - 1.0;
            QVERIFY2(same(got[i], expected), qPrintable(QStringLiteral("interior %1 lead %2 p %3 row %4")
                                                            .arg(interior).arg(leadingNaN).arg(p).arg(i)));
          }
        }
      }
  }

  void meanStdMatchSeparateKernels() {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-5, 5);
    Series x(1000);
    for (double& v : x) v = u(rng);
    x[100] = N;
    x[500] = I;
    Series m1(x.size()), s1(x.size()), m2(x.size()), s2(x.size());
    kernels::rollingMeanStd(x, 20, 1, m1, s1);
    kernels::rollingMean(x, 20, m2);
    kernels::rollingStd(x, 20, 1, s2);
    for (std::size_t i = 0; i < x.size(); ++i) QVERIFY(same(m1[i], m2[i]) && same(s1[i], s2[i]));
  }
};

QTEST_GUILESS_MAIN(KernelTest)
#include "test_kernels.moc"
