// strata: the workbench GUI. A thin entry point: settings and plugins in, the main window out.
//   strata [--settings strata.yaml] [--plugin-dir DIR]... [--no-run]
#include "workbench.h"
#include "workbench_window.h"

#include <QApplication>
#include <QCommandLineParser>

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
      {QStringLiteral("no-run"), QStringLiteral("Do not run the selected symbol at start.")},
  });
  parser.process(app);

  auto bench = strata::ui::Workbench::create(parser.value(QStringLiteral("settings")),
                                             parser.values(QStringLiteral("plugin-dir")));
  strata::ui::WindowOptions options;
  options.autoRun = !parser.isSet(QStringLiteral("no-run"));
  strata::ui::WorkbenchWindow window(*bench, options);
  window.show();
  return app.exec();
}
