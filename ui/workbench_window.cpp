#include "workbench_window.h"

#include "cache_dialog.h"
#include "chart_panel.h"
#include "distribution_view.h"
#include "export_dialog.h"
#include "feature_table.h"
#include "jobs_panel.h"
#include "pipeline_editor.h"
#include "plugins_dialog.h"
#include "symbol_browser.h"
#include "strata/feature_cache.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace strata::ui {
namespace {

QDockWidget* dock(QMainWindow* window, const QString& title, const QString& name, QWidget* content,
                  Qt::DockWidgetArea area) {
  auto* d = new QDockWidget(title, window);
  d->setObjectName(name);  // saveState() keys the layout by object name
  d->setWidget(content);
  window->addDockWidget(area, d);
  return d;
}

}  // namespace

WorkbenchWindow::WorkbenchWindow(Workbench& bench, WindowOptions options, QWidget* parent)
    : QMainWindow(parent), bench_(bench), options_(options) {
  setObjectName(QStringLiteral("workbenchWindow"));
  setWindowTitle(tr("Strata workbench"));
  resize(1400, 900);
  setDockNestingEnabled(true);

  runner_ = new RunController(bench_.source, bench_.store, *bench_.registry, this);
  symbols_ = new SymbolBrowser(bench_.source, this);
  pipeline_ = new PipelineEditor(*bench_.registry, this);
  jobs_ = new JobsPanel(this);
  charts_ = new ChartPanel(this);
  views_ = new QTabWidget(this);
  views_->setObjectName(QStringLiteral("views"));
  distributions_ = new DistributionView(this);
  table_ = new FeatureTableView(this);
  views_->addTab(charts_, tr("Chart"));
  views_->addTab(distributions_, tr("Distributions"));
  views_->addTab(table_, tr("Table"));
  setCentralWidget(views_);

  QDockWidget* symbolsDock = dock(this, tr("Symbols"), QStringLiteral("symbolsDock"), symbols_,
                                  Qt::LeftDockWidgetArea);
  QDockWidget* pipelineDock = dock(this, tr("Pipeline"), QStringLiteral("pipelineDock"), pipeline_,
                                   Qt::RightDockWidgetArea);
  QDockWidget* jobsDock = dock(this, tr("Jobs"), QStringLiteral("jobsDock"), jobs_,
                               Qt::LeftDockWidgetArea);
  splitDockWidget(symbolsDock, jobsDock, Qt::Vertical);
  resizeDocks({symbolsDock, pipelineDock}, {330, 380}, Qt::Horizontal);
  resizeDocks({symbolsDock, jobsDock}, {560, 240}, Qt::Vertical);

  sourceLabel_ = new QLabel(this);
  sourceLabel_->setObjectName(QStringLiteral("statusSource"));
  cacheLabel_ = new QLabel(this);
  cacheLabel_->setObjectName(QStringLiteral("statusCache"));
  workersLabel_ = new QLabel(this);
  workersLabel_->setObjectName(QStringLiteral("statusWorkers"));
  // Permanent: transient messages ("finished in ...") must not hide them.
  statusBar()->addPermanentWidget(sourceLabel_);
  statusBar()->addPermanentWidget(cacheLabel_);
  statusBar()->addPermanentWidget(workersLabel_);
  auto* statusTimer = new QTimer(this);
  connect(statusTimer, &QTimer::timeout, this, &WorkbenchWindow::refreshStatus);
  statusTimer->start(500);

  buildMenus();

  connect(symbols_, &SymbolBrowser::runRequested, this, [this] {
    QString error;
    if (!startRun(&error)) statusBar()->showMessage(error, 8000);
  });
  connect(symbols_, &SymbolBrowser::cancelRequested, this, &WorkbenchWindow::cancelRun);
  connect(runner_, &RunController::started, jobs_, &JobsPanel::start);
  connect(runner_, &RunController::progress, jobs_, &JobsPanel::update);
  connect(runner_, &RunController::finished, this, &WorkbenchWindow::onFinished);
  connect(runner_, &RunController::earlyChart, this,
          [this](const std::shared_ptr<const ChartData>& chart) { charts_->setCharts({chart}); });
  connect(pipeline_, &PipelineEditor::validityChanged, this, [this](bool valid) {
    symbols_->runButton()->setEnabled(valid && !runner_->isRunning());
    symbols_->runButton()->setToolTip(valid ? QString() : tr("The pipeline has errors (see Pipeline)"));
  });
  connect(symbols_, &SymbolBrowser::loaded, this, [this] {
    if (options_.autoRun && !firstRunDone_ && !symbols_->currentSymbol().isEmpty()) startRun();
    firstRunDone_ = true;
  });

  if (options_.restoreState) restore();
  if (!bench_.sourceError.isEmpty())
    charts_->clear(tr("No data source: %1").arg(bench_.sourceError));
  for (const QString& e : bench_.settingsErrors) statusBar()->showMessage(e, 15000);
  refreshStatus();
}

WorkbenchWindow::~WorkbenchWindow() = default;

void WorkbenchWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Open pipeline..."), QKeySequence::Open, this, &WorkbenchWindow::openConfig);
  file->addAction(tr("&Save pipeline"), QKeySequence::Save, this, [this] { saveConfig(false); });
  file->addAction(tr("Save pipeline &as..."), QKeySequence::SaveAs, this, [this] { saveConfig(true); });
  file->addSeparator();
  QAction* exportAction = file->addAction(tr("&Export features..."), QKeySequence(Qt::CTRL | Qt::Key_E),
                                          this, [this] { openExportDialog(); });
  exportAction->setObjectName(QStringLiteral("exportAction"));
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  QMenu* run = menuBar()->addMenu(tr("&Run"));
  run->addAction(tr("&Run"), QKeySequence(Qt::CTRL | Qt::Key_R), this, [this] {
    QString error;
    if (!startRun(&error)) statusBar()->showMessage(error, 8000);
  });
  run->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), this, &WorkbenchWindow::cancelRun);
  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
  QMenu* settings = menuBar()->addMenu(tr("&Settings"));
  settings->addAction(tr("&Cache..."), this, [this] { openCacheDialog(); });
  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Plugins..."), this, [this] {
    PluginsDialog dialog(*bench_.registry, this);
    dialog.exec();
  });
}

bool WorkbenchWindow::startRun(QString* error) {
  QString problem;
  RunRequest request;
  request.symbol = symbols_->currentSymbol();
  request.timeframes = symbols_->timeframes();
  request.lookbackDays = symbols_->lookbackDays();
  request.aligned = symbols_->aligned();
  request.config = pipeline_->config();
  if (request.symbol.isEmpty())
    problem = tr("Pick a symbol first.");
  else if (request.timeframes.empty())
    problem = tr("Tick at least one timeframe.");
  else if (!pipeline_->isValid())
    problem = tr("The pipeline has errors: %1").arg(pipeline_->errors().value(0));
  if (!problem.isEmpty()) {
    if (error) *error = problem;
    return false;
  }
  return startRun(request, error);
}

bool WorkbenchWindow::startRun(const RunRequest& request, QString* error) {
  QString problem;
  if (!runner_->start(request, &problem)) {
    if (error) *error = problem;
    return false;
  }
  symbols_->setRunning(true);
  statusBar()->showMessage(tr("Running %1...").arg(request.symbol));
  releaseLargeResults();
  return true;
}

void WorkbenchWindow::releaseLargeResults() {
  // Feature matrices reach gigabytes: keeping the previous run's in the views while the next one
  // is computed would double the peak. Small results stay browsable during the run.
  constexpr std::size_t kKeepWhileRunning = std::size_t{1} << 30;
  const auto previous = runner_->lastOutcome();
  if (!previous) return;
  std::size_t bytes = previous->result.aligned ? previous->result.aligned->matrix.bytes() : 0;
  for (const TimeframeResult& r : previous->result.perTimeframe) {
    if (r.features) bytes += r.features->matrix.bytes();
    if (r.raw && r.raw != r.features) bytes += r.raw->matrix.bytes();  // the charts' raw values
  }
  if (bytes <= kKeepWhileRunning) return;
  runner_->releaseLastOutcome();
  distributions_->setResults({});
  table_->setResults({});
  charts_->clear(tr("Running; the previous chart was released to make room."));
  statusBar()->showMessage(tr("Running; the previous results (%1 MB) were released to make room.")
                               .arg(bytes >> 20));
}

void WorkbenchWindow::cancelRun() { runner_->cancel(); }
bool WorkbenchWindow::isRunning() const { return runner_->isRunning(); }
std::shared_ptr<const RunOutcome> WorkbenchWindow::lastOutcome() const { return runner_->lastOutcome(); }

void WorkbenchWindow::onFinished(const std::shared_ptr<const RunOutcome>& outcome) {
  symbols_->setRunning(false);
  symbols_->runButton()->setEnabled(pipeline_->isValid());
  jobs_->finish(*outcome);
  if (!outcome->error.isEmpty())
    charts_->clear(tr("The run failed: %1").arg(outcome->error));
  else if (outcome->cancelled)
    statusBar()->showMessage(tr("Run cancelled."), 5000);
  else
    charts_->setCharts(outcome->charts);
  if (outcome->error.isEmpty() && !outcome->cancelled) {
    distributions_->setResults(outcome->result.perTimeframe);
    table_->setResults(outcome->result.perTimeframe);
  }
  statusBar()->showMessage(tr("%1: finished in %2 ms").arg(outcome->request.symbol).arg(outcome->millis),
                           8000);
  emit runFinished();
}

QDialog* WorkbenchWindow::openExportDialog() {
  auto* dialog = new ExportDialog(runner_->lastOutcome(), this);
  dialog->setObjectName(QStringLiteral("exportDialog"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

QDialog* WorkbenchWindow::openCacheDialog() {
  auto* dialog = new CacheDialog(std::dynamic_pointer_cast<FeatureCache>(bench_.store), this);
  dialog->setObjectName(QStringLiteral("cacheDialog"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

void WorkbenchWindow::refreshStatus() {
  sourceLabel_->setText(bench_.source ? tr("Data: %1").arg(bench_.source->describe())
                                      : tr("Data: none (%1)").arg(bench_.sourceError));
  cacheLabel_->setText(tr("Cache: %1").arg(bench_.cacheStatus ? bench_.cacheStatus() : tr("none")));
  workersLabel_->setText(tr("Workers busy: %1").arg(runner_->busyWorkers()));
}

QString WorkbenchWindow::statusText() const {
  return QStringList{sourceLabel_->text(), cacheLabel_->text(), workersLabel_->text()}.join(
      QLatin1String(" | "));
}

void WorkbenchWindow::openConfig() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open pipeline"), QString(),
                                                    tr("Pipeline YAML (*.yaml *.yml);;All files (*)"));
  if (path.isEmpty()) return;
  QString error;
  if (!pipeline_->openFile(path, &error)) QMessageBox::warning(this, tr("Open pipeline"), error);
}

void WorkbenchWindow::saveConfig(bool askForName) {
  QString path = pipeline_->currentFile();
  if (askForName || path.isEmpty())
    path = QFileDialog::getSaveFileName(this, tr("Save pipeline"), path,
                                        tr("Pipeline YAML (*.yaml *.yml)"));
  if (path.isEmpty()) return;
  QString error;
  if (!pipeline_->saveFile(path, &error)) QMessageBox::warning(this, tr("Save pipeline"), error);
  else statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void WorkbenchWindow::restore() {
  QSettings settings;
  if (auto cache = std::dynamic_pointer_cast<FeatureCache>(bench_.store)) CacheDialog::restoreTtl(*cache);
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  const QString symbol = settings.value(QStringLiteral("run/symbol"), QStringLiteral("AAPL")).toString();
  symbols_->selectSymbol(symbol);
  if (settings.contains(QStringLiteral("run/timeframes")))
    symbols_->setTimeframes(settings.value(QStringLiteral("run/timeframes")).toStringList());
  symbols_->setLookbackDays(settings.value(QStringLiteral("run/lookback"), 0).toInt());
  const QString yaml = settings.value(QStringLiteral("pipeline/yaml")).toString();
  if (!yaml.isEmpty())
    pipeline_->setYaml(yaml, settings.value(QStringLiteral("pipeline/name"),
                                            QStringLiteral("pipeline.yaml")).toString());
}

void WorkbenchWindow::save() const {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  if (!symbols_->currentSymbol().isEmpty())
    settings.setValue(QStringLiteral("run/symbol"), symbols_->currentSymbol());
  QStringList timeframes;
  for (const Timeframe& tf : symbols_->timeframes()) timeframes << tf.name();
  settings.setValue(QStringLiteral("run/timeframes"), timeframes);
  settings.setValue(QStringLiteral("run/lookback"), symbols_->lookbackDays());
  settings.setValue(QStringLiteral("pipeline/yaml"), pipeline_->yaml());
  settings.setValue(QStringLiteral("pipeline/name"),
                    pipeline_->currentFile().isEmpty() ? QStringLiteral("pipeline.yaml")
                                                       : pipeline_->currentFile());
}

void WorkbenchWindow::closeEvent(QCloseEvent* event) {
  if (options_.restoreState) save();
  runner_->cancel();
  QMainWindow::closeEvent(event);
}

}  // namespace strata::ui
