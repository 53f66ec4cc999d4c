// The pure helpers behind the charts and the distributions: decimation (checked bucket by
// bucket against a brute-force scan), the histogram, how the chart draws each column (from the
// plugins' display hints) and that a chart holds the run's own raw set; the feature table and
// the histogram reading a float32 run.
#include "chart_data.h"
#include "chart_decimation.h"
#include "chart_series.h"
#include "feature_table.h"
#include "histogram.h"
#include "strata/csv_bars.h"
#include "strata/feature_engineer.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

using namespace strata;
using namespace strata::ui;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<Timestamp> times(std::int64_t n) {
  std::vector<Timestamp> t(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) t[static_cast<std::size_t>(i)] = 1000 + 60 * i;
  return t;
}

std::span<const double> span(const Eigen::VectorXd& v) {
  return {v.data(), static_cast<std::size_t>(v.size())};
}

}  // namespace

class TestChartDecimation : public QObject {
  Q_OBJECT
 private slots:
  void rowsBetweenIsInclusive() {
    const auto t = times(10);  // 1000, 1060, ...
    const RowRange r = rowsBetween(t, 1060, 1180);
    QCOMPARE(r.first, 1);
    QCOMPARE(r.last, 4);
    QCOMPARE(rowsBetween(t, 0, 999).size(), 0);
    QCOMPARE(rowsBetween(t, 5000, 9000).size(), 0);
    QCOMPARE(nearestRow(t, 1089), 0 + 1);
    QCOMPARE(nearestRow(t, 1091), 2);
    QCOMPARE(nearestRow(t, -5), 0);
    QCOMPARE(nearestRow(t, 99999), 9);
    QCOMPARE(nearestRow({}, 5), -1);
  }

  void minMaxKeepsEveryPointWhenFew() {
    const auto t = times(6);
    const std::vector<double> v{1, kNaN, 3, kInf, 5, 6};
    const auto points = minMaxDecimate(t, v, {0, 6}, 3);
    QCOMPARE(points.size(), std::size_t{4});  // NaN and inf skipped
    QCOMPARE(points[1].value, 3.0);
    QCOMPARE(points[1].time, t[2]);
  }

  void minMaxMatchesBruteForce_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("buckets");
    QTest::addColumn<int>("first");
    QTest::newRow("year of 1m into 1200 px") << 525600 << 1200 << 0;
    QTest::newRow("uneven split") << 10007 << 333 << 17;
    QTest::newRow("just over 2x") << 2001 << 1000 << 0;
    QTest::newRow("one bucket") << 5000 << 1 << 100;
  }
  void minMaxMatchesBruteForce() {
    QFETCH(int, rows);
    QFETCH(int, buckets);
    QFETCH(int, first);
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise;
    std::vector<double> v(static_cast<std::size_t>(rows));
    double level = 0;
    for (double& x : v) x = (level += noise(rng));
    for (int i = 0; i < rows; i += 997) v[static_cast<std::size_t>(i)] = kNaN;
    for (int i = 5; i + 70 < rows; i += 1503) v[static_cast<std::size_t>(i + 64)] = v[static_cast<std::size_t>(i)];  // ties across blocks
    v[static_cast<std::size_t>(rows / 2)] = 1e6;  // a one-bar spike must survive
    const auto t = times(rows);
    const RowRange range{first, rows};
    const auto points = minMaxDecimate(t, v, range, buckets);
    QVERIFY(points.size() <= 2 * std::size_t(buckets));
    // The block index gives exactly the same points.
    const BlockExtremes blocks = blockExtremes(v);
    const auto fast = minMaxDecimate(t, v, range, buckets, &blocks);
    QCOMPARE(fast.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      QCOMPARE(fast[i].time, points[i].time);
      QCOMPARE(fast[i].value, points[i].value);
    }
    QVERIFY(std::is_sorted(points.begin(), points.end(),
                           [](const Point& a, const Point& b) { return a.time < b.time; }));
    bool spike = false;
    for (const Point& p : points) spike |= p.value == 1e6;
    QVERIFY(spike);
    // Bucket by bucket: the lowest and highest finite value of the bucket are among the points.
    const std::int64_t n = range.size();
    for (std::int64_t b = 0; b < buckets; ++b) {
      const std::int64_t begin = first + n * b / buckets, end = first + n * (b + 1) / buckets;
      double lo = kInf, hi = -kInf;
      for (std::int64_t r = begin; r < end; ++r)
        if (std::isfinite(v[std::size_t(r)])) lo = std::min(lo, v[std::size_t(r)]), hi = std::max(hi, v[std::size_t(r)]);
      if (lo == kInf) continue;
      bool foundLo = false, foundHi = false;
      for (const Point& p : points) {
        if (p.time < t[std::size_t(begin)] || p.time >= (end < rows ? t[std::size_t(end)] : t.back() + 1)) continue;
        foundLo |= p.value == lo;
        foundHi |= p.value == hi;
      }
      QVERIFY2(foundLo && foundHi, qPrintable(QStringLiteral("bucket %1").arg(b)));
    }
  }

  void candlesAggregatePerBucket() {
    // 6 bars into 2 candles of 3 bars each, with a NaN high inside the first.
    const auto t = times(6);
    const std::vector<double> open{10, 11, 12, 13, 14, 15}, high{12, kNaN, 14, 15, 19, 16},
        low{9, 10, 8, 12, 13, 11}, close{11, 12, 13, 14, 15, 12};
    const auto candles = aggregateCandles(t, open, high, low, close, {0, 6}, 2);
    QCOMPARE(candles.size(), std::size_t{2});
    QCOMPARE(candles[0].time, t[0]);
    QCOMPARE(candles[0].open, 10.0);
    QCOMPARE(candles[0].high, 14.0);
    QCOMPARE(candles[0].low, 8.0);
    QCOMPARE(candles[0].close, 13.0);
    QCOMPARE(candles[1].time, t[3]);
    QCOMPARE(candles[1].open, 13.0);
    QCOMPARE(candles[1].high, 19.0);
    QCOMPARE(candles[1].low, 11.0);
    QCOMPARE(candles[1].close, 12.0);
    // Fewer rows than buckets: every bar is its own candle.
    QCOMPARE(aggregateCandles(t, open, high, low, close, {2, 5}, 100).size(), std::size_t{3});
  }

  void candlesOfAYearStayBounded() {
    SyntheticSpec spec;
    spec.rows = 525'600;
    const Bars bars = synthesizeBars(spec);
    const auto candles = aggregateCandles(bars.timestamps, span(bars.open), span(bars.high),
                                          span(bars.low), span(bars.close), {0, bars.size()}, 300);
    QVERIFY(candles.size() <= 300 && candles.size() >= 299);
    // The overall extremes survive aggregation.
    double hi = -kInf, lo = kInf, chi = -kInf, clo = kInf;
    for (Eigen::Index i = 0; i < bars.size(); ++i) hi = std::max(hi, bars.high[i]), lo = std::min(lo, bars.low[i]);
    for (const Candle& c : candles) chi = std::max(chi, c.high), clo = std::min(clo, c.low);
    QCOMPARE(chi, hi);
    QCOMPARE(clo, lo);
    QCOMPARE(candles.front().open, bars.open[0]);
    const BlockExtremes highs = blockExtremes(span(bars.high)), lows = blockExtremes(span(bars.low));
    for (const RowRange rows : {RowRange{0, bars.size()}, RowRange{12345, 400000}, RowRange{77, 90}}) {
      const auto plain = aggregateCandles(bars.timestamps, span(bars.open), span(bars.high), span(bars.low),
                                          span(bars.close), rows, 377);
      const auto fast = aggregateCandles(bars.timestamps, span(bars.open), span(bars.high), span(bars.low),
                                         span(bars.close), rows, 377, &highs, &lows);
      QCOMPARE(fast.size(), plain.size());
      for (std::size_t i = 0; i < plain.size(); ++i)
        QVERIFY(fast[i].time == plain[i].time && fast[i].open == plain[i].open && fast[i].high == plain[i].high &&
                fast[i].low == plain[i].low && fast[i].close == plain[i].close);
    }
    QCOMPARE(candles.back().close, bars.close[bars.size() - 1]);
  }

  void signalRowsOnePerSignPerBucket() {
    const std::vector<double> s{0, 1, 1, -1, 0, 0, -1, 1, 0, 0};
    const SignalRows all = signalRows(s, {0, 10}, 10);
    QCOMPARE(all.up, (std::vector<std::int64_t>{1, 2, 7}));
    QCOMPARE(all.down, (std::vector<std::int64_t>{3, 6}));
    const SignalRows two = signalRows(s, {0, 10}, 2);  // [0,5) and [5,10)
    QCOMPARE(two.up, (std::vector<std::int64_t>{1, 7}));
    QCOMPARE(two.down, (std::vector<std::int64_t>{3, 6}));
  }

  void histogramCounts() {
    const std::vector<double> v{0, 0.1, 0.5, 0.99, 1, kNaN, kNaN, kInf, -kInf};
    const Histogram h = computeHistogram(v, 4);
    QCOMPARE(h.finite, 5);
    QCOMPARE(h.nan, 2);
    QCOMPARE(h.posInf, 1);
    QCOMPARE(h.negInf, 1);
    QCOMPARE(h.counts, (std::vector<std::int64_t>{2, 0, 1, 2}));  // 1.0 in the closed last bin
    QCOMPARE(h.low, 0.0);
    QCOMPARE(h.high, 1.0);
    QVERIFY(!h.constant());
    const Histogram constant = computeHistogram(std::vector<double>{3, 3, 3, kNaN}, 10);
    QVERIFY(constant.constant());
    QCOMPARE(constant.counts, std::vector<std::int64_t>{3});
    const Histogram shared = computeHistogram(v, 2, -1.0, 1.0);  // bins [-1, 0) and [0, 1]
    QCOMPARE(shared.counts, (std::vector<std::int64_t>{0, 5}));
    QCOMPARE(computeHistogram(v, 2, 0.0, 0.5).counts, (std::vector<std::int64_t>{2, 3}));  // clamped
    const Histogram empty = computeHistogram(std::vector<double>{kNaN}, 5);
    QCOMPARE(empty.finite, 0);
    QVERIFY(!empty.constant());
  }

  void chartSeriesFollowTheDisplayHints() {
    // The default pipeline drawn from its plugins' metadata alone (chart_series.h).
    PluginRegistry registry;
    registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(PipelineConfig::defaults(), registry, &errors);
    QVERIFY(pipeline);
    const std::vector<ChartSeries> series = chartSeries(*pipeline);
    QStringList columns;
    for (const ChartSeries& s : series) columns << s.column;
    QCOMPARE(columns, pipeline->plannedColumns());
    const auto of = [&](const char* column) -> const ChartSeries& {
      return series[static_cast<std::size_t>(columns.indexOf(QLatin1String(column)))];
    };
    QCOMPARE(of("volume").pane, kVolumePane);
    QCOMPARE(of("volume").style, DisplayStyle::Histogram);
    QVERIFY(of("volume").selected && !of("close").selected);
    QCOMPARE(of("bb_upper").pane, kPricePane);
    QCOMPARE(of("bb_upper").style, DisplayStyle::Band);
    QCOMPARE(of("bb_upper").lower, QStringLiteral("bb_lower"));
    QVERIFY(of("bb_upper").selected && !of("bb_bandwidth").selected);
    QCOMPARE(of("rsi").range, (std::optional<std::pair<double, double>>{{0.0, 100.0}}));
    QCOMPARE(of("rsi").guides, (QList<double>{30, 70}));
    QCOMPARE(of("macd").pane, of("macd_signal").pane);
    QCOMPARE(of("macd").pane, of("macd_histogram").pane);
    QVERIFY(of("macd").pane != of("rsi").pane && of("atr").pane != of("obv").pane);
    QVERIFY(of("macd_macd_signal_crossover").signal && of("macd_macd_signal_crossover").selected);
    QCOMPARE(of("close_bb_middle_crossover").pane, kPricePane);
    // Transforms: where their input draws (lag, rolling mean), or their own pane (rolling std,
    // diff); listed but not plotted until picked.
    QCOMPARE(of("rsi_lag_1").pane, of("rsi").pane);
    QCOMPARE(of("rsi_lag_1").range, of("rsi").range);
    QCOMPARE(of("close_lag_1").pane, kPricePane);
    QCOMPARE(of("volume_roll_20_mean").pane, kVolumePane);
    QCOMPARE(of("close_roll_5_mean").pane, kPricePane);
    QVERIFY(of("close_roll_5_std").pane != kPricePane);
    QVERIFY(of("close_diff_1").pane != kPricePane);
    QVERIFY(!of("rsi_lag_1").selected && !of("price_gap").selected);
    // Every column draws somewhere.
    for (const ChartSeries& s : series) QVERIFY2(!s.pane.isEmpty(), qPrintable(s.column));
  }

  void chartDataIsTheRunsRawSet() {
    // A chart holds the run's raw set itself: its columns are that memory, not a copy.
    PluginRegistry registry;
    registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv"));
    QVERIFY(read.bars);
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(PipelineConfig::defaults(), registry, &errors);
    QVERIFY(pipeline);
    FeaturesWithRaw both = pipeline->runKeepingRaw(*read.bars);
    TimeframeResult result;
    result.timeframe = Timeframe::fromSeconds(86400);
    result.features = std::make_shared<const FeatureSet>(std::move(both.features));
    result.raw = std::make_shared<const FeatureSet>(std::move(*both.raw));
    const auto series = std::make_shared<const std::vector<ChartSeries>>(chartSeries(*pipeline));
    const auto chart = chartOf(result, series);
    QVERIFY(chart);
    QCOMPARE(chart->raw(), result.raw);
    const auto j = result.raw->columns.indexOf(QStringLiteral("rsi"));
    QCOMPARE(chart->column(QStringLiteral("rsi")).data(), result.raw->matrix.column(j).data());
    QCOMPARE(chart->column(QStringLiteral("close")).size(), std::size_t(read.bars->size()));
    QVERIFY(chart->column(QStringLiteral("no_such_column")).empty());
    QVERIFY(chart->seriesOf(QStringLiteral("rsi")));
    QVERIFY(chart->blocks(QStringLiteral("rsi")) && chart->blocks(QStringLiteral("close_lag_1")));
    QVERIFY(!chart->blocks(QStringLiteral("no_such_column")));
    TimeframeResult noRaw = result;
    noRaw.raw.reset();
    QVERIFY(!chartOf(noRaw, series));  // a run without keepRaw has nothing to chart
  }

  void tableAndHistogramShowAFloat32Run() {
    PluginRegistry registry;
    registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv"));
    QVERIFY(read.bars);
    PipelineConfig config = PipelineConfig::defaults();
    config.precision = Precision::Float32;
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(config, registry, &errors);
    QVERIFY(pipeline);
    auto features = std::make_shared<const FeatureSet>(pipeline->run(*read.bars));
    QCOMPARE(features->matrix.precision(), Precision::Float32);
    FeatureTableModel model;
    model.setFeatures(features);
    QCOMPARE(model.rowCount(), int(features->matrix.rows()));
    QCOMPARE(model.columnCount(), int(features->matrix.cols()) + 2);  // timestamp, features, target
    for (const char* name : {"rsi", "close_lag_5", "volume_roll_20_std"}) {
      const int c = int(features->columns.indexOf(QLatin1String(name)));
      QVERIFY2(c >= 0, name);
      QCOMPARE(model.headerData(c + 1, Qt::Horizontal, Qt::DisplayRole).toString(), QLatin1String(name));
      for (int r : {0, 30, int(features->matrix.rows()) - 1}) {
        const float value = features->matrix.column32(c)[static_cast<std::size_t>(r)];
        const QModelIndex at = model.index(r, c + 1);
        const double shown = model.data(at, Qt::EditRole).toDouble();
        QVERIFY2(shown == double(value) || (std::isnan(shown) && std::isnan(value)),
                 qPrintable(QStringLiteral("%1 row %2: %3 vs %4").arg(QLatin1String(name)).arg(r).arg(shown).arg(value)));
        if (!std::isnan(value))
          QCOMPARE(model.data(at, Qt::DisplayRole).toString(), QString::number(double(value), 'g', 8));
      }
    }
    // The histogram reads the float32 column in place: the same counts as over its widened copy.
    const int c = int(features->columns.indexOf(QStringLiteral("rsi")));
    const auto column = features->matrix.column32(c);
    const std::vector<double> widened(column.begin(), column.end());
    const Histogram single = computeHistogram(column, 20), wide = computeHistogram(widened, 20);
    QCOMPARE(single.counts, wide.counts);
    QCOMPARE(single.nan, wide.nan);
    QCOMPARE(single.low, wide.low);
    QCOMPARE(single.high, wide.high);
    QVERIFY(single.finite > 0);
    // Charts read the raw values, float64 whatever the precision.
    TimeframeResult result;
    result.features = features;
    result.raw = std::make_shared<const FeatureSet>(std::move(*pipeline->runKeepingRaw(*read.bars).raw));
    QCOMPARE(result.raw->matrix.precision(), Precision::Float64);
    const auto chart = chartOf(result, std::make_shared<const std::vector<ChartSeries>>(chartSeries(*pipeline)));
    QVERIFY(chart && !chart->column(QStringLiteral("rsi")).empty());
  }

  void aCrossoverOfATransformedColumnIsCharted() {
    // The chart is the run's own columns: a crossover reading a lag is a signal like any other.
    PluginRegistry registry;
    registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    std::vector<Diagnostic> errors;
    auto config = PipelineConfig::fromYaml(QStringLiteral(
        "indicators:\n  - plugin: rsi\ntransformations:\n  - plugin: lag\n    params: {periods: [1]}\n"
        "  - plugin: crossover\n    params: {pairs: [[close, close_lag_1]]}\n"), QStringLiteral("t.yaml"), &errors);
    QVERIFY(config);
    const auto pipeline = Pipeline::build(*config, registry, &errors);
    QVERIFY(pipeline);
    for (const ChartSeries& s : chartSeries(*pipeline))
      if (s.column == u"close_close_lag_1_crossover") {
        QVERIFY(s.signal && s.selected);
        return;
      }
    QFAIL("no series for the crossover");
  }
};

QTEST_GUILESS_MAIN(TestChartDecimation)
#include "test_chart_decimation.moc"
