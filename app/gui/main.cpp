// strata: the workbench GUI. A thin entry point: settings and plugins in, the main window out.
//   strata [--settings strata.yaml] [--plugin-dir DIR]... [--pipeline FILE] [--no-run]
//          [--screenshot PNG]
#include "chart_panel.h"
#include "pipeline_editor.h"
#include "run_controller.h"
#include "workbench.h"
#include "workbench_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

namespace {

// What the chart shows after a --screenshot run, a line per pane: its columns and guide lines,
// so a script can check that a plugin drew where its hints say.
void describeCharts(const strata::ui::ChartPanel& charts, QTextStream& out) {
  for (const strata::ui::ChartPane* pane : charts.panes()) {
    QStringList guides;
    for (double guide : charts.guidesOf(pane)) guides << QString::number(guide);
    out << "pane: " << charts.columnsOf(pane).join(QStringLiteral(", "));
    if (!guides.isEmpty()) out << " | guides " << guides.join(QLatin1Char(' '));
    out << '\n';
  }
}

// After the first run: the window as a PNG, the panes on stdout; exit 0 when every timeframe
// charted, 1 when the run or a timeframe failed, 3 when the file cannot be written.
void screenshotWhenDone(strata::ui::WorkbenchWindow& window, const QString& path) {
  QObject::connect(&window, &strata::ui::WorkbenchWindow::runFinished, &window, [&window, path] {
    const auto outcome = window.lastOutcome();
    bool charted = outcome && outcome->error.isEmpty() && !outcome->cancelled && !outcome->charts.empty();
    if (outcome)
      for (const auto& chart : outcome->charts) charted = charted && chart != nullptr;
    QTextStream out(stdout);
    describeCharts(*window.charts(), out);
    if (outcome && !outcome->error.isEmpty()) out << "run failed: " << outcome->error << '\n';
    out.flush();
    const bool saved = window.grab().save(path);
    if (!saved) std::fprintf(stderr, "strata: cannot write the screenshot %s\n", qPrintable(path));
    QApplication::exit(!saved ? 3 : charted ? 0 : 1);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Strata"));
  QApplication::setApplicationName(QStringLiteral("Strata"));
  QApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Strata workbench: multi-timeframe feature engineering."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOptions({
      {QStringLiteral("settings"), QStringLiteral("Workbench settings (strata.yaml)."), QStringLiteral("FILE")},
      {QStringLiteral("plugin-dir"), QStringLiteral("Load plugins from DIR (repeatable)."), QStringLiteral("DIR")},
      {QStringLiteral("pipeline"), QStringLiteral("Open this pipeline YAML."), QStringLiteral("FILE")},
      {QStringLiteral("no-run"), QStringLiteral("Do not run the selected symbol at start.")},
      {QStringLiteral("screenshot"),
       QStringLiteral("Run once (no remembered window state), save the window as PNG, print the "
                      "chart's panes and exit: 0 charted, 1 the run failed."),
       QStringLiteral("PNG")},
  });
  parser.process(app);

  auto bench = strata::ui::Workbench::create(parser.value(QStringLiteral("settings")),
                                             parser.values(QStringLiteral("plugin-dir")));
  strata::ui::WindowOptions options;
  const bool screenshot = parser.isSet(QStringLiteral("screenshot"));
  options.autoRun = screenshot || !parser.isSet(QStringLiteral("no-run"));
  options.restoreState = !screenshot;
  strata::ui::WorkbenchWindow window(*bench, options);
  if (parser.isSet(QStringLiteral("pipeline"))) {
    QString error;
    if (!window.pipeline()->openFile(parser.value(QStringLiteral("pipeline")), &error)) {
      std::fprintf(stderr, "strata: %s\n", qPrintable(error));
      return 3;
    }
  }
  if (screenshot) screenshotWhenDone(window, parser.value(QStringLiteral("screenshot")));
  window.show();
  return app.exec();
}
