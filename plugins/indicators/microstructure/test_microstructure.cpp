// The microstructure features against direct per-row formulas (two-pass window statistics) on
// a seeded random walk, and the gap features on hand-checked rows.
#include "kernel_test.h"
#include "microstructure.h"

#include <QTest>

#include <array>
#include <cmath>
#include <random>

using namespace strata;
using namespace strata::testing;

namespace {

double windowMean(const Series& x, std::size_t end, std::size_t w) {
  long double sum = 0;
  for (std::size_t k = end + 1 - w; k <= end; ++k) sum += x[k];
  return static_cast<double>(sum / static_cast<long double>(w));
}

double windowStd(const Series& x, std::size_t end, std::size_t w) {
  const long double mean = windowMean(x, end, w);
  long double m2 = 0;
  for (std::size_t k = end + 1 - w; k <= end; ++k) m2 += (x[k] - mean) * (x[k] - mean);
  return static_cast<double>(std::sqrt(m2 / static_cast<long double>(w - 1)));
}

struct Run {
  std::array<Series, 10> out;
  explicit Run(std::size_t n) { out.fill(Series(n, kUnwritten)); }
  indicators::MicrostructureOutputs outputs() {
    return {out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7], out[8], out[9]};
  }
};

}  // namespace

class MicrostructureTest : public QObject {
  Q_OBJECT

 private slots:
  void matchesDirectFormulas() {
    constexpr std::size_t n = 300, w = 20, trend = 50;
    std::mt19937_64 rng(11);
    std::normal_distribution<double> step(0.0, 0.01);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    Series open(n), high(n), low(n), close(n), volume(n);
    double price = 100;
    for (std::size_t i = 0; i < n; ++i) {
      open[i] = price;
      price *= std::exp(step(rng));
      close[i] = price;
      high[i] = std::max(open[i], close[i]) * (1 + 0.003 * unit(rng));
      low[i] = std::min(open[i], close[i]) * (1 - 0.003 * unit(rng));
      volume[i] = 1000 + 500 * unit(rng);
    }
    Run run(n);
    indicators::microstructure(open, high, low, close, volume, w, trend, run.outputs());
    Series change(n, N);
    for (std::size_t i = 1; i < n; ++i) change[i] = close[i] / close[i - 1] - 1;
    for (std::size_t i = trend; i < n; ++i) {
      const double expected[] = {
          windowStd(change, i, w),                                        // price_volatility
          (high[i] - low[i]) / (windowStd(close, i, w) * close[i]),       // range_volatility_ratio
          volume[i] / windowMean(volume, i, w) - 1,                       // volume_surprise
          open[i] / close[i - 1] - 1,                                     // price_gap
          windowMean(close, i, w) / windowMean(close, i, trend) - 1};     // trend_strength
      const double got[] = {run.out[0][i], run.out[5][i], run.out[6][i], run.out[7][i], run.out[9][i]};
      for (int k = 0; k < 5; ++k)
        QVERIFY2(same(got[k], expected[k], 1e-9),
                 qPrintable(QStringLiteral("row %1 feature %2: %3 vs %4").arg(i).arg(k).arg(got[k], 0, 'g', 17).arg(expected[k], 0, 'g', 17)));
    }
  }
  void everyRowWrittenOnTinyInputs() {
    for (std::size_t n : {0, 1, 2}) {
      const Series bars(n, 1.0);
      Run run(n);
      indicators::microstructure(bars, bars, bars, bars, bars, 20, 50, run.outputs());
      for (const Series& column : run.out)
        for (double v : column) QVERIFY(v != kUnwritten);
    }
  }
  void gaps() {
    const Series open{1, 2.2, 3}, close{2, 2, 4}, volume{10, 20, 5};
    Run run(3);
    indicators::microstructure(open, open, open, close, volume, 2, 3, run.outputs());
    QVERIFY2(compareSeries(run.out[7], {N, 0.1, 0.5}).isEmpty(), qPrintable(show(run.out[7])));
    QVERIFY2(compareSeries(run.out[8], {N, 1, -0.75}).isEmpty(), qPrintable(show(run.out[8])));
  }
};

QTEST_GUILESS_MAIN(MicrostructureTest)
#include "test_microstructure.moc"
