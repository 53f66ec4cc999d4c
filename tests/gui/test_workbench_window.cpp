// The real workbench window driven as a user would (offscreen platform): first run on the
// bundled data with Redis off, pick a symbol, edit RSI in the form and in the YAML, run two
// timeframes, switch timeframe, zoom, hover, open a feature's distribution and a grid, search
// the table's columns, export and read the files back, cancel, a per-timeframe error, and the
// GUI thread staying responsive through a large run. Screenshots of each view go to
// build/screenshots/.
#include "chart_pane.h"
#include "chart_panel.h"
#include "distribution_view.h"
#include "export_dialog.h"
#include "feature_table.h"
#include "jobs_panel.h"
#include "pipeline_editor.h"
#include "strata/csv_directory_source.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"
#include "symbol_browser.h"
#include "workbench_window.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTreeWidget>
#include <QtTest>

#include "gui_test_support.h"

#include <cmath>

using namespace strata;
using namespace strata::ui;
using strata::ui::test::screenshot;
using strata::ui::test::typeInto;

namespace {

constexpr int kRunTimeoutMs = 120'000;

void clickItem(QTreeWidget* tree, QTreeWidgetItem* item) {
  tree->scrollToItem(item);
  QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
}

void clickTab(QTabWidget* tabs, const QString& title) {
  for (int i = 0; i < tabs->count(); ++i)
    if (tabs->tabText(i) == title) {
      QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
      return;
    }
  QFAIL(qPrintable(QStringLiteral("no tab ") + title));
}

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& prefix) {
  for (QTreeWidgetItemIterator it(tree); *it; ++it)
    if ((*it)->text(0).startsWith(prefix)) return *it;
  return nullptr;
}

/// RSI with simple moving averages of gains and losses (docs/spec.md, RSI), at the last row.
double lastRsi(std::span<const double> close, int window) {
  double gains = 0, losses = 0;
  for (std::size_t i = close.size() - std::size_t(window); i < close.size(); ++i) {
    const double change = close[i] - close[i - 1];
    gains += std::max(change, 0.0);
    losses += std::max(-change, 0.0);
  }
  return 100.0 - 100.0 / (1.0 + gains / losses);
}

QString writeSettings(const QDir& dir, int redisPort) {
  const QString path = dir.filePath(QStringLiteral("strata.yaml"));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  QTextStream(&file) << "data:\n  source: csv\n  csv_dir: \"" STRATA_RESOURCES_DIR "/data\"\n"
                     << "cache:\n  redis: true\n  redis_host: 127.0.0.1\n  redis_port: " << redisPort
                     << "\n  timeout_ms: 200\n";
  return path;
}

}  // namespace

class TestWorkbenchWindow : public QObject {
  Q_OBJECT
  QTemporaryDir temp_;
  std::unique_ptr<Workbench> bench_;
  std::unique_ptr<WorkbenchWindow> window_;

  bool waitForRun(WorkbenchWindow* window) {
    QTest::qWait(0);
    return QTest::qWaitFor([window] { return !window->isRunning() && window->lastOutcome(); },
                           kRunTimeoutMs);
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    QCoreApplication::setApplicationName(QStringLiteral("WorkbenchWindowTest"));
    QSettings().clear();
    // No Redis: a port nothing listens on (1 needs root to bind: nobody does here).
    bench_ = Workbench::create(writeSettings(QDir(temp_.path()), 1), {QStringLiteral(STRATA_PLUGIN_DIR)});
    QVERIFY2(bench_->source, qPrintable(bench_->sourceError));
  }

  void firstRunShowsAChartOnTheBundledData() {
    QElapsedTimer timer;
    timer.start();
    window_ = std::make_unique<WorkbenchWindow>(*bench_);  // autoRun, as `strata` starts
    window_->resize(1500, 950);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QTRY_VERIFY_WITH_TIMEOUT(window_->charts()->current() != nullptr, kRunTimeoutMs);
    qInfo() << "first chart after" << timer.elapsed() << "ms";
    QCOMPARE(window_->symbols()->currentSymbol(), QStringLiteral("AAPL"));
    QCOMPARE(window_->charts()->currentTimeframe(), QStringLiteral("1d"));
    // One candle per 4 pixels of the plot as it is laid out now (decimated again on resize).
    ChartPanel* charts = window_->charts();
    QTRY_COMPARE(charts->plotWidth(), charts->pricePane()->plotWidth());
    QVERIFY(charts->plotWidth() > 400);
    QCOMPARE(charts->candlesShown(), std::min<int>(charts->plotWidth() / 4, int(charts->current()->rows())));
    QTRY_VERIFY(window_->statusText().contains(QStringLiteral("Redis not connected")));
    QVERIFY(window_->statusText().contains(QStringLiteral("CSV")));
    screenshot(window_.get(), QStringLiteral("workbench"));
  }

  void pickSymbolAndEditRsiBothWays() {
    SymbolBrowser* symbols = window_->symbols();
    QCOMPARE(symbols->symbols(), (QStringList{QStringLiteral("AAPL"), QStringLiteral("SPX")}));
    typeInto(symbols->filterEdit(), QStringLiteral("sp"));
    QTreeWidget* list = symbols->symbolList();
    QVERIFY(list->topLevelItem(0)->isHidden());  // AAPL filtered out
    clickItem(list, list->topLevelItem(1));
    QCOMPARE(symbols->currentSymbol(), QStringLiteral("SPX"));
    QVERIFY(list->topLevelItem(1)->text(3).remove(QLatin1Char(',')).toInt() > 1000);  // bar count

    PipelineEditor* editor = window_->pipeline();
    auto* tree = editor->findChild<QTreeWidget*>(QStringLiteral("pipelineTree"));
    clickItem(tree, findItem(tree, QStringLiteral("rsi")));
    auto* window = editor->currentForm()->findChild<QSpinBox*>(QStringLiteral("param_window"));
    QVERIFY(window);
    typeInto(window, QStringLiteral("21"));
    QVERIFY(editor->yaml().contains(QStringLiteral("window: 21")));

    // The reverse: type over the number in the YAML tab; the form follows.
    clickTab(editor->tabs(), QStringLiteral("YAML"));
    QTextCursor cursor = editor->yamlEdit()->document()->find(QStringLiteral("{window: 21"));
    QVERIFY(!cursor.isNull());
    cursor.setPosition(cursor.selectionEnd() - 2);
    cursor.setPosition(cursor.position() + 2, QTextCursor::KeepAnchor);
    editor->yamlEdit()->setTextCursor(cursor);
    QTest::keyClicks(editor->yamlEdit(), QStringLiteral("16"));
    QTRY_COMPARE(editor->config().steps.front().params.value(QStringLiteral("window")).toInt(), 16);
    clickTab(editor->tabs(), QStringLiteral("Form"));
    clickItem(tree, findItem(tree, QStringLiteral("rsi")));
    window = editor->currentForm()->findChild<QSpinBox*>(QStringLiteral("param_window"));
    QCOMPARE(window->value(), 16);
    screenshot(editor, QStringLiteral("pipeline-editor"));
  }

  void runTwoTimeframesAndSwitch() {
    SymbolBrowser* symbols = window_->symbols();
    auto* weekly = symbols->findChild<QCheckBox*>(QStringLiteral("timeframe_1w"));
    QVERIFY(weekly->isEnabled());
    QTest::mouseClick(weekly, Qt::LeftButton);
    QVERIFY(!symbols->findChild<QCheckBox*>(QStringLiteral("timeframe_1h"))->isEnabled());  // finer than daily
    QTest::mouseClick(symbols->runButton(), Qt::LeftButton);
    QVERIFY(window_->isRunning());
    QVERIFY(!symbols->runButton()->isEnabled());
    QVERIFY(waitForRun(window_.get()));
    const auto outcome = window_->lastOutcome();
    QCOMPARE(outcome->request.symbol, QStringLiteral("SPX"));
    QCOMPARE(outcome->result.perTimeframe.size(), std::size_t{2});
    for (const QString& tf : {QStringLiteral("1d"), QStringLiteral("1w")})
      QVERIFY2(window_->jobs()->outcomeText(tf).contains(QStringLiteral("rows x")),
               qPrintable(window_->jobs()->outcomeText(tf)));
    screenshot(window_->jobs(), QStringLiteral("jobs"));

    // The chart's RSI is the edited one (window 16), checked against the formula by hand.
    ChartPanel* charts = window_->charts();
    const auto daily = charts->current();
    QCOMPARE(daily->timeframe().name(), QStringLiteral("1d"));
    const auto rsi = daily->column(QStringLiteral("rsi"));
    QVERIFY(std::abs(rsi.back() - lastRsi(daily->column(QStringLiteral("close")), 16)) < 1e-9);

    // Switch timeframe with the keyboard, as a user would.
    charts->timeframeBox()->setFocus();
    QTest::keyClick(charts->timeframeBox(), Qt::Key_Down);
    QCOMPARE(charts->currentTimeframe(), QStringLiteral("1w"));
    QCOMPARE(charts->current()->timeframe().name(), QStringLiteral("1w"));
    QVERIFY(charts->current()->rows() < daily->rows() / 4);
    screenshot(charts, QStringLiteral("chart-weekly"));
    QTest::keyClick(charts->timeframeBox(), Qt::Key_Up);
    QCOMPARE(charts->currentTimeframe(), QStringLiteral("1d"));

    // The same run again is served by the (memory) cache, and the jobs panel says so.
    QTest::mouseClick(symbols->runButton(), Qt::LeftButton);
    QVERIFY(waitForRun(window_.get()));
    QVERIFY(window_->lastOutcome()->result.perTimeframe.front().fromCache);
    QVERIFY2(window_->jobs()->outcomeText(QStringLiteral("1d")).startsWith(QStringLiteral("from cache")),
             qPrintable(window_->jobs()->outcomeText(QStringLiteral("1d"))));
    QCOMPARE(window_->jobs()->stageText(QStringLiteral("1w")), jobStageName(JobStage::CacheHit));
    QTRY_VERIFY(window_->statusText().contains(QStringLiteral("hit rate")));
  }

  void zoomPanAndHoverKeepPanesInStep() {
    ChartPanel* charts = window_->charts();
    const auto [from, to] = charts->visibleRange();
    ChartPane* pane = charts->pricePane();
    const QPoint center(pane->width() / 2, pane->height() / 2);
    QWheelEvent wheel(center, pane->mapToGlobal(center), {}, {0, 3 * 120}, Qt::NoButton, {},
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(pane->viewport(), &wheel);
    const auto [zoomFrom, zoomTo] = charts->visibleRange();
    QVERIFY(zoomTo - zoomFrom < (to - from) * 6 / 10);
    // Every pane shows the same x range.
    const auto panes = charts->findChildren<ChartPane*>();
    QVERIFY(panes.size() >= 5);
    for (ChartPane* p : panes) {
      auto* x = qobject_cast<QDateTimeAxis*>(p->chart()->axes(Qt::Horizontal).front());
      QCOMPARE(x->min().toMSecsSinceEpoch(), zoomFrom / 1000);
      QCOMPARE(x->max().toMSecsSinceEpoch(), zoomTo / 1000);
    }
    // Drag to the right: the view moves back in time.
    QTest::mousePress(pane->viewport(), Qt::LeftButton, {}, center);
    QTest::mouseMove(pane->viewport(), center + QPoint(200, 0));
    QTest::mouseRelease(pane->viewport(), Qt::LeftButton, {}, center + QPoint(200, 0));
    QVERIFY(charts->visibleRange().first < zoomFrom);
    QCOMPARE(charts->visibleRange().second - charts->visibleRange().first, zoomTo - zoomFrom);
    // Hover names the bar under the mouse and its values.
    QTest::mouseMove(pane->viewport(), center);
    const auto hover = charts->findChild<QLabel*>(QStringLiteral("chartHover"))->text();
    QVERIFY2(hover.contains(QStringLiteral(" O ")) && hover.contains(QStringLiteral("rsi ")),
             qPrintable(hover));
    screenshot(charts, QStringLiteral("chart-zoomed"));
    charts->resetRange();
    screenshot(charts, QStringLiteral("chart"));
  }

  void distributionOfAFeature() {
    clickTab(window_->views(), QStringLiteral("Distributions"));
    DistributionView* view = window_->distributions();
    typeInto(view->searchEdit(), QStringLiteral("rsi_lag"));
    QListView* list = view->featureList();
    QVERIFY(list->model()->rowCount() >= 5);
    const QModelIndex first = list->model()->index(0, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(first).center());
    QCOMPARE(view->currentFeature(), QStringLiteral("rsi_lag_1"));
    QVERIFY2(view->statsText().contains(QStringLiteral("NaN")), qPrintable(view->statsText()));
    // Every timeframe overlaid.
    auto* timeframe = view->findChild<QComboBox*>(QStringLiteral("distTimeframe"));
    timeframe->setFocus();
    QTest::keyClick(timeframe, Qt::Key_End);
    QCOMPARE(timeframe->currentData().toString(), QString());
    QVERIFY(view->statsText().contains(QStringLiteral("1d")) && view->statsText().contains(QStringLiteral("1w")));
    screenshot(view, QStringLiteral("distributions"));
    // A grid of the four first matches, chosen with shift-click.
    const QModelIndex fourth = list->model()->index(3, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::ShiftModifier, list->visualRect(fourth).center());
    QTest::mouseClick(view->findChild<QPushButton*>(QStringLiteral("showGrid")), Qt::LeftButton);
    QCOMPARE(view->gridCount(), 4);
    clickTab(view->tabs(), QStringLiteral("Grid"));
    screenshot(view, QStringLiteral("distributions-grid"));
  }

  void featureTableSearchesColumns() {
    clickTab(window_->views(), QStringLiteral("Table"));
    FeatureTableView* view = window_->table();
    FeatureTableModel* model = view->model();
    const auto daily = window_->lastOutcome()->result.perTimeframe.front().features;
    QCOMPARE(model->rowCount(), int(daily->timestamps.size()));
    QCOMPARE(model->columnCount(), int(daily->columns.size()) + 2);  // timestamp, features, target
    typeInto(view->searchEdit(), QStringLiteral("macd_signal"));
    int expected = 0;
    for (const QString& c : daily->columns) expected += c.contains(QStringLiteral("macd_signal")) ? 1 : 0;
    QCOMPARE(model->columnCount(), 1 + expected);
    const int column = 1;
    const QString name = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
    const Eigen::Index row = daily->matrix.rows() - 1;
    QCOMPARE(model->data(model->index(int(row), column), Qt::EditRole).toDouble(),
             daily->matrix(row, daily->columns.indexOf(name)));
    QCOMPARE(model->data(model->index(0, 0), Qt::DisplayRole).toString(), isoUtc(daily->timestamps.front()));
    typeInto(view->searchEdit(), QStringLiteral("*_lag_1?"));
    QVERIFY(model->columnCount() > 1);
    for (int c = 1; c < model->columnCount(); ++c)
      QVERIFY(model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().contains(QStringLiteral("_lag_1")));
    typeInto(view->searchEdit(), QStringLiteral("rsi"));
    screenshot(view, QStringLiteral("table"));
    clickTab(window_->views(), QStringLiteral("Chart"));
  }

  void exportAndReadBack() {
    auto* dialog = qobject_cast<ExportDialog*>(window_->openExportDialog());
    QVERIFY(dialog);
    QTemporaryDir out;
    dialog->setFolder(out.path());
    dialog->setFormat(QStringLiteral("csv"));
    dialog->setColumns(QStringLiteral("rsi, macd*"));
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("exportStart")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning() && !dialog->result().written.isEmpty(), kRunTimeoutMs);
    QVERIFY2(dialog->result().error.isEmpty(), qPrintable(dialog->result().error));
    QCOMPARE(dialog->result().written.size(), 2);
    screenshot(dialog, QStringLiteral("export"));
    const auto weekly = window_->lastOutcome()->result.perTimeframe.back().features;
    QFile file(out.filePath(QStringLiteral("SPX_1w.csv")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList header = lines.front().split(QLatin1Char(','));
    QCOMPARE(header.front(), QStringLiteral("timestamp"));
    QVERIFY(header.contains(QStringLiteral("rsi")) && header.contains(QStringLiteral("macd_signal")));
    QVERIFY(!header.contains(QStringLiteral("close")));
    QCOMPARE(lines.size() - 1, int(weekly->timestamps.size()));
    // The last row's rsi is the matrix's value (shortest round-trip text: exact).
    const QStringList last = lines.back().split(QLatin1Char(','));
    const double written = last[header.indexOf(QStringLiteral("rsi"))].toDouble();
    QCOMPARE(written, weekly->matrix(weekly->matrix.rows() - 1, weekly->columns.indexOf(QStringLiteral("rsi"))));
    // Parquet, float32, one timeframe's file: a Parquet file framed by its magic bytes.
    dialog->setFormat(QStringLiteral("parquet"));
    dialog->setFloat32(true);
    QVERIFY(dialog->start());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeoutMs);
    QVERIFY2(dialog->result().error.isEmpty(), qPrintable(dialog->result().error));
    QFile parquet(out.filePath(QStringLiteral("SPX_1d.parquet")));
    QVERIFY(parquet.open(QIODevice::ReadOnly));
    const QByteArray bytes = parquet.readAll();
    QVERIFY(bytes.startsWith("PAR1") && bytes.endsWith("PAR1"));
    dialog->close();

    // The aligned multi-timeframe matrix: run with "aligned matrix" ticked, export it.
    auto* aligned = window_->symbols()->findChild<QCheckBox*>(QStringLiteral("alignedMatrix"));
    QTest::mouseClick(aligned, Qt::LeftButton);
    QTest::mouseClick(window_->symbols()->runButton(), Qt::LeftButton);
    QVERIFY(waitForRun(window_.get()));
    QTest::mouseClick(aligned, Qt::LeftButton);
    const auto matrix = window_->lastOutcome()->result.aligned;
    QVERIFY2(matrix, qPrintable(window_->lastOutcome()->result.alignedError));
    dialog = qobject_cast<ExportDialog*>(window_->openExportDialog());
    dialog->setFolder(out.path());
    dialog->setFormat(QStringLiteral("csv"));
    dialog->setAligned(true);
    // Checked before anything is written (exportProblems): no aligned column is plain "rsi".
    dialog->setColumns(QStringLiteral("rsi"));
    QString refused;
    QVERIFY(!dialog->start(&refused));
    QVERIFY2(refused.contains(QStringLiteral("--columns pattern 'rsi' matches no feature column")), qPrintable(refused));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("SPX_aligned.csv"))));
    dialog->setColumns(QString());
    QVERIFY(dialog->start());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), kRunTimeoutMs);
    QVERIFY2(dialog->result().error.isEmpty(), qPrintable(dialog->result().error));
    QFile alignedFile(out.filePath(QStringLiteral("SPX_aligned.csv")));
    QVERIFY(alignedFile.open(QIODevice::ReadOnly));
    const QStringList alignedLines =
        QString::fromUtf8(alignedFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(alignedLines.size() - 1, int(matrix->timestamps.size()));
    QCOMPARE(alignedLines.front().split(QLatin1Char(',')).size(),
             1 + int(matrix->columns.size()) + (matrix->target.size() > 0 ? 1 : 0));
    dialog->close();
  }

  void oneTimeframeFailsTheOthersDoNot() {
    RunRequest request;
    request.symbol = QStringLiteral("AAPL");
    request.timeframes = {*Timeframe::parse(QStringLiteral("1h")), *Timeframe::parse(QStringLiteral("1d"))};
    request.config = window_->pipeline()->config();
    QString error;
    QVERIFY2(window_->startRun(request, &error), qPrintable(error));
    QVERIFY(waitForRun(window_.get()));
    const auto outcome = window_->lastOutcome();
    QVERIFY(!outcome->result.perTimeframe[0].features);
    QVERIFY(outcome->result.perTimeframe[1].features);
    QVERIFY(!window_->jobs()->outcomeText(QStringLiteral("1h")).isEmpty());
    QVERIFY(window_->jobs()->outcomeText(QStringLiteral("1d")).contains(QStringLiteral("rows x")));
    const QString summary = window_->jobs()->findChild<QLabel*>(QStringLiteral("jobsSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("1 failed")) && summary.contains(QStringLiteral("1h: ")),
             qPrintable(summary));
    QCOMPARE(window_->charts()->currentTimeframe(), QStringLiteral("1d"));
    screenshot(window_->jobs(), QStringLiteral("jobs-error"));
  }

  void layoutSymbolAndConfigAreRemembered() {
    window_->close();  // saves QSettings
    window_.reset();
    WindowOptions options;
    options.autoRun = false;
    WorkbenchWindow again(*bench_, options);
    QTRY_VERIFY(again.symbols()->isLoaded());
    QCOMPARE(again.symbols()->currentSymbol(), QStringLiteral("SPX"));
    QVERIFY(again.pipeline()->yaml().contains(QStringLiteral("window: 16")));
    QCOMPARE(again.symbols()->timeframes().size(), std::size_t{2});
  }

  void staysResponsiveAndCancels() {
    // 150,000 synthetic 1m bars (about 15 weeks) through the full default pipeline: the GUI thread's
    // timer keeps ticking while the run works, and Cancel stops it.
    QTemporaryDir dataDir;
    SyntheticSpec spec;
    spec.rows = 150'000;  // ~0.8 GB of features at 1m: heavy enough to take seconds, light for CI
    const Bars bars = synthesizeBars(spec);
    QFile csv(dataDir.filePath(QStringLiteral("SYN.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    QTextStream stream(&csv);
    stream << "timestamp,open,high,low,close,volume\n";
    stream.setRealNumberPrecision(17);
    for (Eigen::Index i = 0; i < bars.size(); ++i)
      stream << bars.timestamps[std::size_t(i)] / 1'000'000 << ',' << bars.open[i] << ',' << bars.high[i]
             << ',' << bars.low[i] << ',' << bars.close[i] << ',' << bars.volume[i] << '\n';
    csv.close();
    DataSettings settings;
    settings.csvDir = dataDir.path();
    auto bench = Workbench::create(makeCsvDirectorySource(settings), nullptr, {QStringLiteral(STRATA_PLUGIN_DIR)});
    WindowOptions options;
    options.autoRun = false;
    options.restoreState = false;
    WorkbenchWindow window(*bench, options);
    window.show();
    QTRY_VERIFY(window.symbols()->isLoaded());
    window.symbols()->setTimeframes({QStringLiteral("1m"), QStringLiteral("5m")});

    QElapsedTimer clock;
    qint64 last = 0, longestGap = 0;
    int ticks = 0;
    QTimer timer;
    timer.setInterval(20);
    connect(&timer, &QTimer::timeout, [&] {
      const qint64 now = clock.elapsed();
      longestGap = std::max(longestGap, now - last);
      last = now;
      ++ticks;
    });
    QTest::mouseClick(window.symbols()->runButton(), Qt::LeftButton);
    QVERIFY(window.isRunning());
    clock.start();
    timer.start();
    QVERIFY(waitForRun(&window));
    timer.stop();
    const qint64 runMs = clock.elapsed();
    qInfo() << "run" << runMs << "ms," << ticks << "ticks, longest gap" << longestGap << "ms";
    // A blocked event loop delivers one coalesced tick at most. How long the GUI thread may stall
    // is measured by benchmarks/bench_gui ("longest event-loop gap"), not bounded here.
    QVERIFY2(ticks >= 2, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(runMs)));
    QVERIFY(window.lastOutcome()->result.perTimeframe.front().features);
    screenshot(&window, QStringLiteral("workbench-1m"));

    // Cancel: the run stops and says so.
    QTest::mouseClick(window.symbols()->runButton(), Qt::LeftButton);
    QVERIFY(window.symbols()->cancelButton()->isEnabled());
    QTest::mouseClick(window.symbols()->cancelButton(), Qt::LeftButton);
    QVERIFY(waitForRun(&window));
    QVERIFY(window.lastOutcome()->cancelled);
    QVERIFY(window.jobs()->findChild<QLabel*>(QStringLiteral("jobsSummary"))->text().contains(QStringLiteral("Cancelled")));
  }

  void cleanupTestCase() {
    window_.reset();
    QSettings().clear();
  }
};

QTEST_MAIN(TestWorkbenchWindow)
#include "test_workbench_window.moc"
