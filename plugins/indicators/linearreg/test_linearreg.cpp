// The least-squares line's five forms on hand-checked windows, exact lines, missing values, tiny
// inputs, bad windows, and an exact two-pass computation in long double on data that defeats
// running sums (a large level with small noise, spikes leaving the window).
#include "kernel_test.h"
#include "linearreg.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <random>

using namespace strata;
using namespace strata::testing;
using indicators::RegressionForm;

Q_DECLARE_METATYPE(indicators::RegressionForm)

namespace {

const double kDegrees = 180.0 / std::numbers::pi;

// The form of each window's least-squares line, two-pass (means first) in long double, and the
// form's scale: for a price |value| plus 1e-7 of the window's largest deviation from its mean
// (a spike whose weight in the fitted value is about 0 makes that value ill-conditioned: 1e-9
// of it is below the spike's last double digit), and for the slope sqrt(sum dy^2 / sum dt^2),
// the largest slope the window's spread allows (the angle: |angle| plus that slope turned into
// degrees).
struct Fit {
  Series value, scale;
};
Fit twoPass(const Series& x, std::size_t w, RegressionForm form) {
  Fit fit{Series(x.size(), N), Series(x.size(), N)};
  for (std::size_t i = w - 1; i < x.size(); ++i) {
    long double meanY = 0, sxy = 0, sxx = 0, syy = 0, largest = 0;
    const long double meanT = (w - 1) / 2.0L;
    for (std::size_t j = 0; j < w; ++j) meanY += x[i + 1 - w + j];
    meanY /= w;
    for (std::size_t j = 0; j < w; ++j) {
      sxy += (j - meanT) * (x[i + 1 - w + j] - meanY);
      sxx += (j - meanT) * (j - meanT);
      syy += (x[i + 1 - w + j] - meanY) * (x[i + 1 - w + j] - meanY);
      largest = std::max(largest, std::abs(x[i + 1 - w + j] - meanY));
    }
    const long double spread = std::sqrt(syy / sxx);
    const long double slope = sxy / sxx;
    long double v = 0;
    switch (form) {
      case RegressionForm::Value: v = meanY + slope * meanT; break;
      case RegressionForm::Slope: v = slope; break;
      case RegressionForm::Intercept: v = meanY - slope * meanT; break;
      case RegressionForm::Angle: v = std::atan(slope) * (180.0L / std::numbers::pi_v<long double>); break;
      case RegressionForm::Forecast: v = meanY + slope * (meanT + 1); break;
    }
    fit.value[i] = static_cast<double>(v);
    const bool price = form != RegressionForm::Slope && form != RegressionForm::Angle;
    fit.scale[i] = static_cast<double>(
        price ? std::abs(v) + 1e-7L * largest
              : (form == RegressionForm::Slope ? spread
                                                 : std::abs(v) + spread * kDegrees / (1 + slope * slope)));
  }
  return fit;
}

Series nasty(int kind) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> noise(0.0, 1.0);
  Series x(2000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (kind == 0) x[i] = 1e6 + 1e-2 * noise(random);
    if (kind == 1) x[i] = (i % 500 == 250 ? 1e9 : 100.0) + noise(random);
    if (kind == 2) x[i] = 1e6 + 1e-3 * static_cast<double>(i) + 1e-4 * noise(random);  // a trend
  }
  return x;
}

}  // namespace

class LinearregTest : public QObject {
  Q_OBJECT

 private slots:
  void golden_data() {
    QTest::addColumn<int>("window");
    QTest::addColumn<RegressionForm>("form");
    QTest::addColumn<Series>("in");
    QTest::addColumn<Series>("expected");
    // Windows [1, 2, 4] and [2, 4, 8]: means 7/3 and 14/3, slopes 1.5 and 3.
    const Series y{1, 2, 4, 8};
    QTest::newRow("value") << 3 << RegressionForm::Value << y << Series{N, N, 23.0 / 6, 23.0 / 3};
    QTest::newRow("slope") << 3 << RegressionForm::Slope << y << Series{N, N, 1.5, 3};
    QTest::newRow("intercept") << 3 << RegressionForm::Intercept << y << Series{N, N, 5.0 / 6, 5.0 / 3};
    QTest::newRow("angle") << 3 << RegressionForm::Angle << y
                           << Series{N, N, std::atan(1.5) * kDegrees, std::atan(3.0) * kDegrees};
    QTest::newRow("forecast") << 3 << RegressionForm::Forecast << y << Series{N, N, 16.0 / 3, 32.0 / 3};
    QTest::newRow("window 2: the last two") << 2 << RegressionForm::Forecast << y << Series{N, 3, 6, 12};
    const Series line{1e9, 1e9 + 0.5, 1e9 + 1, 1e9 + 1.5};
    QTest::newRow("a line on a large level: exact slope") << 3 << RegressionForm::Slope << line << Series{N, N, 0.5, 0.5};
    QTest::newRow("a line: value is the last") << 3 << RegressionForm::Value << line << Series{N, N, 1e9 + 1, 1e9 + 1.5};
    QTest::newRow("constant: slope 0") << 3 << RegressionForm::Slope << Series{7, 7, 7} << Series{N, N, 0};
    QTest::newRow("constant: angle 0") << 3 << RegressionForm::Angle << Series{7, 7, 7} << Series{N, N, 0};
    QTest::newRow("NaN blanks its windows") << 2 << RegressionForm::Value << Series{1, N, 4, 8} << Series{N, N, N, 8};
    QTest::newRow("inf blanks its windows (slope)") << 2 << RegressionForm::Slope << Series{1, -I, 4, 8} << Series{N, N, N, 4};
    QTest::newRow("inf blanks its windows (value)") << 2 << RegressionForm::Value << Series{1, I, 4, 8} << Series{N, N, N, 8};
    QTest::newRow("window longer than n") << 3 << RegressionForm::Value << Series{1, 2} << Series{N, N};
    QTest::newRow("two rows") << 2 << RegressionForm::Slope << Series{1, 2} << Series{N, 1};
    QTest::newRow("one row") << 2 << RegressionForm::Value << Series{1} << Series{N};
    QTest::newRow("empty") << 14 << RegressionForm::Value << Series{} << Series{};
    QTest::newRow("window 1 refused: NaN") << 1 << RegressionForm::Value << Series{1, 2} << Series{N, N};
    QTest::newRow("window 0 refused: NaN") << 0 << RegressionForm::Slope << Series{1, 2} << Series{N, N};
  }
  void golden() {
    QFETCH(int, window);
    QFETCH(RegressionForm, form);
    QFETCH(Series, in);
    QFETCH(Series, expected);
    Series out(in.size(), kUnwritten);
    indicators::linearreg(in, window, form, out);
    STRATA_VERIFY_SERIES(out, expected);
  }

  void exact_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("window");
    for (int window : {14, 100}) {
      QTest::addRow("level 1e6, noise 1e-2, window %d", window) << 0 << window;
      QTest::addRow("spikes of 1e9 leaving, window %d", window) << 1 << window;
      QTest::addRow("trend on 1e6, window %d", window) << 2 << window;
    }
  }
  // Every form within 1e-9 of the two-pass value, relative to its scale (the slope and the angle
  // cross 0: relative to the slope the window's spread allows).
  void exact() {
    QFETCH(int, kind);
    QFETCH(int, window);
    const Series x = nasty(kind);
    for (RegressionForm form : {RegressionForm::Value, RegressionForm::Slope, RegressionForm::Intercept,
                                RegressionForm::Angle, RegressionForm::Forecast}) {
      const Fit fit = twoPass(x, std::size_t(window), form);
      const Series& expected = fit.value;
      Series out(x.size(), kUnwritten);
      indicators::linearreg(x, window, form, out);
      for (std::size_t i = std::size_t(window) - 1; i < x.size(); ++i) {
        const double tolerance = 1e-9 * fit.scale[i];
        QVERIFY2(std::abs(out[i] - expected[i]) <= tolerance,
                 qPrintable(QStringLiteral("form %1, row %2: %3, two-pass %4").arg(int(form)).arg(i)
                                .arg(out[i], 0, 'g', 17).arg(expected[i], 0, 'g', 17)));
      }
    }
  }
};

QTEST_GUILESS_MAIN(LinearregTest)
#include "test_linearreg.moc"
