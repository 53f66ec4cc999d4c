// bench_gui: what a user waits for in the workbench, on a year of synthetic 1m bars (525,600).
//   QT_QPA_PLATFORM=offscreen build/bin/bench_gui [--rows N] [--repeat R]
// 1. Run to first chart: Run pressed -> the 1m chart drawn (the run's bars loaded from CSV, candles
//    and volume, decimation, series handed to Qt Charts, painted); the run then computes the
//    default pipeline's 678 features and charts them from its raw values ("run to complete").
//    The first run parses the CSV; later runs find it parsed (the source keeps it).
// 2. Chart update on zoom/pan: the visible range changed -> every pane decimated and its series
//    replaced ("update"), and the same plus rendering the whole chart panel ("update + paint").
// 3. The GUI thread during runs: the longest gap between the ticks of a 20 ms timer (how long a
//    user's click could wait; test_workbench_window checks only that the timer ticks).
// Medians; no feature cache (every run computes).
#include "bench_support.h"
#include "chart_panel.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"
#include "strata/synthetic.h"
#include "symbol_browser.h"
#include "workbench_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace strata;
using namespace strata::ui;

namespace {

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addOptions({{QStringLiteral("rows"), QStringLiteral("1m bars (default a year)"), QStringLiteral("N"),
                      QStringLiteral("525600")},
                     {QStringLiteral("repeat"), QStringLiteral("runs (default 3)"), QStringLiteral("R"),
                      QStringLiteral("3")}});
  parser.process(app);
  const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());

  QTemporaryDir dir;
  SyntheticSpec spec;
  spec.rows = parser.value(QStringLiteral("rows")).toLongLong();
  if (const QString problem = writeBarsCsv(synthesizeBars(spec), dir.filePath(QStringLiteral("SYN.csv")));
      !problem.isEmpty()) {
    std::fprintf(stderr, "%s\n", qPrintable(problem));
    return 1;
  }
  DataSettings settings;
  settings.csvDir = dir.path();
  auto bench = Workbench::create(makeCsvDirectorySource(settings), nullptr,
                                 {QStringLiteral(STRATA_BUILD_PLUGIN_DIR)});
  WindowOptions options;
  options.autoRun = false;
  options.restoreState = false;
  WorkbenchWindow window(*bench, options);
  window.resize(1600, 1000);
  window.show();
  while (!window.symbols()->isLoaded()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
  window.symbols()->setTimeframes({QStringLiteral("1m")});

  std::vector<double> firstChart, complete;
  qint64 longestGapMs = 0;
  QElapsedTimer sinceTick;
  QTimer ticker;
  ticker.setInterval(20);
  QObject::connect(&ticker, &QTimer::timeout, [&] { longestGapMs = std::max(longestGapMs, sinceTick.restart()); });
  for (int r = 0; r < repeat; ++r) {
    bool drawn = false;
    const auto before = window.charts()->current();
    const auto connection = QObject::connect(window.charts(), &ChartPanel::updated, [&] {
      drawn = drawn || (window.charts()->current() && window.charts()->current() != before);
    });
    QElapsedTimer timer;
    timer.start();
    sinceTick.start();
    ticker.start();
    QString error;
    if (!window.startRun(&error)) {
      std::fprintf(stderr, "bench_gui: %s\n", qPrintable(error));
      return 1;
    }
    while (!drawn) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    window.charts()->grab();  // the first paint is part of "showing" the chart
    firstChart.push_back(double(timer.nsecsElapsed()) / 1e6);
    QObject::disconnect(connection);
    while (window.isRunning()) QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    complete.push_back(double(timer.nsecsElapsed()) / 1e6);
    ticker.stop();
    std::printf("run %d: first chart after %.0f ms, run complete after %.0f ms%s\n", r + 1,
                firstChart.back(), complete.back(), r == 0 ? " (CSV parsed)" : "");
  }

  ChartPanel* charts = window.charts();
  charts->resetRange();
  std::vector<double> update, updatePaint;
  qint64 maxPoints = 0;
  auto step = [&](Timestamp from, Timestamp to) {
    QElapsedTimer timer;
    timer.start();
    charts->setVisibleRange(from, to);
    update.push_back(double(charts->lastUpdateMicros()) / 1000.0);
    charts->grab();
    updatePaint.push_back(double(timer.nsecsElapsed()) / 1e6);
    maxPoints = std::max(maxPoints, charts->pointsShown());
  };
  auto [from, to] = charts->visibleRange();
  for (int i = 0; i < 12; ++i) {  // zoom in from the whole year towards a day
    const Timestamp span = (to - from) * 6 / 10;
    from += ((to - from) - span) / 2;
    to = from + span;
    step(from, to);
  }
  for (int i = 0; i < 12; ++i) {  // pan
    const Timestamp shift = (to - from) / 5;
    from += shift;
    to += shift;
    step(from, to);
  }
  charts->resetRange();
  for (int i = 0; i < 12; ++i) {  // pan across the whole year at a month's width
    const auto [first, last] = charts->visibleRange();
    const Timestamp month = 30LL * 86'400'000'000;
    const Timestamp start = first + (last - first - month) * i / 11;
    step(start, start + month);
  }
  std::printf("rows %lld, timeframe 1m, window %dx%d\n", static_cast<long long>(spec.rows),
              window.width(), window.height());
  std::printf("run to first chart: first %.0f ms, median %.0f ms over %d runs\n", firstChart.front(),
              strata::bench::median(firstChart), repeat);
  std::printf("run to complete (678 features, every chart): median %.0f ms\n", strata::bench::median(complete));
  std::printf("GUI event loop during the runs: longest gap between 20 ms timer ticks %lld ms\n",
              static_cast<long long>(longestGapMs));
  std::printf("chart update (decimate + replace series), %zu zoom/pan steps: median %.2f ms, max %.2f ms\n",
              update.size(), strata::bench::median(update), *std::max_element(update.begin(), update.end()));
  std::printf("chart update + paint of every pane: median %.2f ms, max %.2f ms\n", strata::bench::median(updatePaint),
              *std::max_element(updatePaint.begin(), updatePaint.end()));
  std::printf("most points handed to Qt Charts in one update: %lld\n", static_cast<long long>(maxPoints));
  return 0;
}
