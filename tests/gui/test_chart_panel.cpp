// The chart built from the run's outputs and the plugins' display hints, in the real workbench
// window (offscreen): two RSI steps chart in two panes with RSI's range and guides; MACD's three
// outputs share one pane; Bollinger's band overlays the price; a plugin the GUI has never heard
// of (tests/bad_plugins/display) gets the pane, range and guides its metadata asks for; picking a
// transform's column in the picker plots it where its hint says; the volume pane; and the chart's
// values are the run's own raw set (the same object, bit for bit what computeRaw gives), also
// when the run is served from the cache; the run's bars are charted before its features.
// Screenshot: build/screenshots/chart-panes.png.
#include "chart_pane.h"
#include "chart_panel.h"
#include "pipeline_editor.h"
#include "run_controller.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"
#include "strata/feature_cache.h"
#include "symbol_browser.h"
#include "workbench_window.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QValueAxis>
#include <QtTest>

#include "gui_test_support.h"

#include <cstring>

using namespace strata;
using namespace strata::ui;
using strata::ui::test::screenshot;
using strata::ui::test::typeInto;

namespace {

constexpr int kRunTimeoutMs = 120'000;

const char* const kPipeline = R"(indicators:
  - plugin: rsi
  - plugin: rsi
    suffix: _21
    params: {window: 21}
  - plugin: macd
  - plugin: bollinger
  - plugin: test_display
transformations:
  - plugin: lag
    apply_to: [rsi, close]
    params: {periods: [1]}
  - plugin: rolling
    apply_to: [close]
    params: {windows: [5], functions: [mean, std]}
  - plugin: crossover
    params: {pairs: [[macd, macd_signal]]}
)";

QTreeWidgetItem* pickerItem(QTreeWidget* picker, const QString& column) {
  for (QTreeWidgetItemIterator it(picker); *it; ++it)
    if ((*it)->data(0, Qt::UserRole).toString() == column) return *it;
  return nullptr;
}

bool sameBits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

class TestChartPanel : public QObject {
  Q_OBJECT
  std::unique_ptr<Workbench> bench_;
  std::shared_ptr<FeatureCache> cache_;
  std::unique_ptr<WorkbenchWindow> window_;

  ChartPanel* charts() const { return window_->charts(); }

  bool run() {
    QTest::mouseClick(window_->symbols()->runButton(), Qt::LeftButton);
    QTest::qWait(0);
    return QTest::qWaitFor([this] { return !window_->isRunning() && window_->lastOutcome(); }, kRunTimeoutMs);
  }

  /// Filters the picker to `column` and toggles its box with the keyboard, as a user would.
  void togglePick(const QString& column) {
    typeInto(charts()->pickerFilter(), column);
    QTreeWidgetItem* item = pickerItem(charts()->picker(), column);
    QVERIFY2(item && !item->isHidden(), qPrintable(column));
    charts()->picker()->setFocus();
    charts()->picker()->setCurrentItem(item);
    QTest::keyClick(charts()->picker(), Qt::Key_Space);
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    QCoreApplication::setApplicationName(QStringLiteral("ChartPanelTest"));
    QSettings().clear();
    DataSettings data;
    data.csvDir = QStringLiteral(STRATA_RESOURCES_DIR "/data");
    CacheSettings cache;
    cache.redis = false;  // the real cache, memory tier only
    cache_ = std::make_shared<FeatureCache>(cache);
    bench_ = Workbench::create(makeCsvDirectorySource(data), cache_, {QStringLiteral(STRATA_PLUGIN_DIR)});
    QVERIFY(bench_->registry->loadFile(QStringLiteral(STRATA_BAD_PLUGIN_DIR "/libstrata_test_display.so")));
    WindowOptions options;
    options.autoRun = false;
    options.restoreState = false;
    window_ = std::make_unique<WorkbenchWindow>(*bench_, options);
    window_->resize(1500, 1100);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QTRY_VERIFY(window_->symbols()->isLoaded());
    window_->symbols()->selectSymbol(QStringLiteral("AAPL"));
    window_->pipeline()->setYaml(QString::fromUtf8(kPipeline), QStringLiteral("charts.yaml"));
    QVERIFY2(window_->pipeline()->isValid(), qPrintable(window_->pipeline()->errors().join('\n')));
    QVERIFY(run());
    QVERIFY(charts()->current());
  }

  void twoRsiStepsChartInTheirOwnPanes() {
    ChartPane* first = charts()->paneOf(QStringLiteral("rsi"));
    ChartPane* second = charts()->paneOf(QStringLiteral("rsi_21"));
    QVERIFY(first && second);
    QVERIFY(first != second);
    QVERIFY(first != charts()->pricePane() && second != charts()->pricePane());
    for (ChartPane* pane : {first, second}) {
      QCOMPARE(charts()->guidesOf(pane), (QList<double>{30, 70}));
      QCOMPARE(charts()->yAxisOf(pane)->min(), -5.0);  // 0..100 and room for the edge labels
      QCOMPARE(charts()->yAxisOf(pane)->max(), 105.0);
    }
    QCOMPARE(charts()->columnsOf(second), QStringList{QStringLiteral("rsi_21")});
  }

  void hintsDecidePaneRangeAndGuides() {
    // MACD's three outputs share the pane of their group; the crossover marks the price chart.
    ChartPane* macd = charts()->paneOf(QStringLiteral("macd"));
    QVERIFY(macd && macd != charts()->pricePane());
    QCOMPARE(charts()->columnsOf(macd),
             (QStringList{QStringLiteral("macd"), QStringLiteral("macd_signal"), QStringLiteral("macd_histogram")}));
    ChartPane* price = charts()->pricePane();
    for (const char* overlay : {"bb_upper", "bb_middle", "bb_lower", "macd_macd_signal_crossover"})
      QCOMPARE(charts()->paneOf(QLatin1String(overlay)), price);
    QVERIFY(!charts()->paneOf(QStringLiteral("bb_bandwidth")));  // "selected": false
    // A plugin the GUI knows nothing about: its pane, range and guides come from its JSON.
    ChartPane* own = charts()->paneOf(QStringLiteral("test_display"));
    QVERIFY(own && own != price && own != macd);
    QCOMPARE(charts()->guidesOf(own), (QList<double>{-0.5, 0.5}));
    QCOMPARE(charts()->yAxisOf(own)->min(), -1.1);
    QCOMPARE(charts()->yAxisOf(own)->max(), 1.1);
    // Transforms are listed but not plotted until picked.
    QVERIFY(pickerItem(charts()->picker(), QStringLiteral("close_roll_5_std")));
    QVERIFY(!charts()->paneOf(QStringLiteral("close_roll_5_std")));
  }

  void pickingATransformColumnAddsIt() {
    const std::size_t panes = charts()->panes().size();
    togglePick(QStringLiteral("close_roll_5_std"));  // a rolling std: its own pane
    ChartPane* deviation = charts()->paneOf(QStringLiteral("close_roll_5_std"));
    QVERIFY(deviation && deviation != charts()->pricePane());
    QCOMPARE(charts()->panes().size(), panes + 1);
    togglePick(QStringLiteral("close_roll_5_mean"));  // a rolling mean of a price: over the price
    QCOMPARE(charts()->paneOf(QStringLiteral("close_roll_5_mean")), charts()->pricePane());
    togglePick(QStringLiteral("rsi_lag_1"));  // a lag: where its input draws
    QCOMPARE(charts()->paneOf(QStringLiteral("rsi_lag_1")), charts()->paneOf(QStringLiteral("rsi")));
    QVERIFY(charts()->pickedColumns().contains(QStringLiteral("rsi_lag_1")));
    QVERIFY(charts()->pointsShown() > 0);
    // Unpicking takes it off again; the picks survive the next run.
    togglePick(QStringLiteral("rsi_21"));
    QVERIFY(!charts()->paneOf(QStringLiteral("rsi_21")));
    QVERIFY(run());
    QVERIFY(charts()->paneOf(QStringLiteral("close_roll_5_std")));
    QVERIFY(!charts()->paneOf(QStringLiteral("rsi_21")));
    togglePick(QStringLiteral("rsi_21"));
    charts()->pickerFilter()->clear();
    screenshot(charts(), QStringLiteral("chart-panes"));
    QTest::mouseClick(charts()->findChild<QPushButton*>(QStringLiteral("chartPickerDefaults")), Qt::LeftButton);
    QVERIFY(!charts()->paneOf(QStringLiteral("close_roll_5_std")));
    QVERIFY(charts()->paneOf(QStringLiteral("rsi_21")));
  }

  void theVolumePane() {
    ChartPane* volume = charts()->paneOf(QStringLiteral("volume"));
    QVERIFY(volume && volume != charts()->pricePane());
    QCOMPARE(charts()->panes()[1], volume);  // right under the price
    QCOMPARE(charts()->columnsOf(volume), QStringList{QStringLiteral("volume")});
    const auto values = charts()->current()->column(QStringLiteral("volume"));
    QVERIFY(charts()->yAxisOf(volume)->max() >= *std::max_element(values.begin(), values.end()));
  }

  void theChartIsTheRunsOwnRawSet() {
    const auto outcome = window_->lastOutcome();
    const TimeframeResult& result = outcome->result.perTimeframe.front();
    QVERIFY(result.raw && result.raw != result.features);
    // The very object the run produced (no second pipeline, no reload) ...
    QCOMPARE(charts()->current()->raw(), result.raw);
    // ... and its values are the raw values of this pipeline over these bars, bit for bit.
    const CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv"));
    QVERIFY(read.bars);
    QVERIFY(sameBits(charts()->current()->column(QStringLiteral("close")),
                     {read.bars->close.data(), std::size_t(read.bars->size())}));
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(outcome->request.config, *bench_->registry, &errors);
    QVERIFY(pipeline);
    const FeatureSet raw = pipeline->computeRaw(*read.bars);
    QCOMPARE(charts()->current()->raw()->columns, raw.columns);
    for (qsizetype j = 0; j < raw.columns.size(); ++j)
      QVERIFY2(sameBits(charts()->current()->column(raw.columns[j]), raw.matrix.column(j)), qPrintable(raw.columns[j]));

    // The same run again comes from the cache, raw set included, and charts the same values.
    const qint64 computations = cache_->stats().computations;
    QVERIFY(run());
    const TimeframeResult& again = window_->lastOutcome()->result.perTimeframe.front();
    QVERIFY(again.fromCache);
    QCOMPARE(cache_->stats().computations, computations);
    QCOMPARE(charts()->current()->raw(), again.raw);
    for (qsizetype j = 0; j < raw.columns.size(); ++j)
      QVERIFY2(sameBits(charts()->current()->column(raw.columns[j]), raw.matrix.column(j)), qPrintable(raw.columns[j]));
  }

  void theBarsAreChartedBeforeTheFeatures() {
    // While the run computes, the chart shows its bars: the run's own (the raw set's bar columns
    // are the same values), candles and volume only.
    auto* runner = window_->findChild<RunController*>();
    QVERIFY(runner);
    QSignalSpy early(runner, &RunController::earlyChart);
    std::shared_ptr<const ChartData> firstShown;
    const auto connection = connect(runner, &RunController::earlyChart, this, [&] { firstShown = charts()->current(); });
    QVERIFY(run());
    disconnect(connection);
    QCOMPARE(early.count(), 1);
    const auto bars = early.front().front().value<std::shared_ptr<const ChartData>>();
    QCOMPARE(bars, firstShown);
    QCOMPARE(bars->raw()->columns, kBarColumns);
    QCOMPARE(bars->series().size(), std::size_t(5));
    const auto& raw = window_->lastOutcome()->result.perTimeframe.front().raw;
    QCOMPARE(bars->raw()->timestamps, raw->timestamps);
    for (const QString& column : kBarColumns) QVERIFY(sameBits(bars->column(column), charts()->current()->column(column)));
    QVERIFY(charts()->current() != bars);  // replaced by the full chart
  }

  void cleanupTestCase() {
    window_.reset();
    QSettings().clear();
  }

};

QTEST_MAIN(TestChartPanel)
#include "test_chart_panel.moc"
