#include "export_dialog.h"

#include "strata/export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::ui {
namespace {

struct ExportJob {
  SharedFeatureSet features;
  QString path;
};

constexpr int kProgressSteps = 1000;

}  // namespace

ExportDialog::ExportDialog(std::shared_ptr<const RunOutcome> outcome, QWidget* parent)
    : QDialog(parent), outcome_(std::move(outcome)) {
  setWindowTitle(tr("Export features"));
  resize(560, 460);
  format_ = new QComboBox(this);
  format_->setObjectName(QStringLiteral("exportFormat"));
  format_->addItem(QStringLiteral("Parquet"), QStringLiteral("parquet"));
  format_->addItem(QStringLiteral("CSV"), QStringLiteral("csv"));
  perTimeframe_ = new QRadioButton(tr("one file per timeframe"), this);
  perTimeframe_->setObjectName(QStringLiteral("exportPerTimeframe"));
  perTimeframe_->setChecked(true);
  aligned_ = new QRadioButton(tr("the aligned multi-timeframe matrix"), this);
  aligned_->setObjectName(QStringLiteral("exportAligned"));
  const bool hasAligned = outcome_ && outcome_->result.aligned;
  aligned_->setEnabled(hasAligned);
  if (!hasAligned)
    aligned_->setToolTip(tr("Run with \"aligned matrix\" ticked and two or more timeframes"));
  timeframes_ = new QListWidget(this);
  timeframes_->setObjectName(QStringLiteral("exportTimeframes"));
  timeframes_->setMaximumHeight(90);
  if (outcome_)
    for (const TimeframeResult& r : outcome_->result.perTimeframe) {
      if (!r.features) continue;
      auto* item = new QListWidgetItem(r.timeframe.name(), timeframes_);
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(Qt::Checked);
    }
  columns_ = new QLineEdit(this);
  columns_->setObjectName(QStringLiteral("exportColumns"));
  columns_->setPlaceholderText(tr("all columns; or patterns, e.g. close*, volume_*, *_lag_1"));
  float32_ = new QCheckBox(tr("features as float32 (half the size)"), this);
  float32_->setObjectName(QStringLiteral("exportFloat32"));
  // A run computed as float32 (the pipeline's precision) is written as float32 whatever the box
  // says: show that rather than offer a choice that does nothing.
  bool computedFloat32 = false;
  if (outcome_)
    for (const TimeframeResult& r : outcome_->result.perTimeframe)
      computedFloat32 |= r.features && r.features->matrix.precision() == Precision::Float32;
  if (computedFloat32) {
    float32_->setChecked(true);
    float32_->setEnabled(false);
    float32_->setToolTip(tr("This run was computed as float32 (precision: float32 in the pipeline)"));
  }
  folder_ = new QLineEdit(QDir::homePath(), this);
  folder_->setObjectName(QStringLiteral("exportFolder"));
  auto* browse = new QPushButton(tr("Browse..."), this);
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(browse);
  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("exportProgress"));
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("exportStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  exportButton_ = new QPushButton(tr("Export"), this);
  exportButton_->setObjectName(QStringLiteral("exportStart"));
  exportButton_->setDefault(true);
  cancelButton_ = new QPushButton(tr("Cancel"), this);
  cancelButton_->setObjectName(QStringLiteral("exportCancel"));
  auto* closeButton = new QPushButton(tr("Close"), this);

  auto* form = new QFormLayout;
  form->addRow(tr("Format"), format_);
  form->addRow(tr("What"), perTimeframe_);
  form->addRow(QString(), timeframes_);
  form->addRow(QString(), aligned_);
  form->addRow(tr("Columns"), columns_);
  form->addRow(QString(), float32_);
  form->addRow(tr("Folder"), folderRow);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(exportButton_);
  buttons->addWidget(cancelButton_);
  buttons->addWidget(closeButton);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(progress_);
  layout->addWidget(status_, 1);
  layout->addLayout(buttons);

  cancelButton_->setEnabled(false);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to"), folder_->text());
    if (!dir.isEmpty()) folder_->setText(dir);
  });
  connect(exportButton_, &QPushButton::clicked, this, [this] {
    QString error;
    if (!start(&error)) status_->setText(error);
  });
  connect(cancelButton_, &QPushButton::clicked, this, [this] {
    if (cancel_) cancel_->store(true);
  });
  connect(closeButton, &QPushButton::clicked, this, &QDialog::accept);
  connect(&watcher_, &QFutureWatcherBase::finished, this, &ExportDialog::onFinished);
}

ExportDialog::~ExportDialog() {
  if (cancel_) cancel_->store(true);
  watcher_.waitForFinished();
}

void ExportDialog::setFolder(const QString& folder) { folder_->setText(folder); }
void ExportDialog::setFormat(const QString& name) { format_->setCurrentIndex(format_->findData(name)); }
void ExportDialog::setColumns(const QString& patterns) { columns_->setText(patterns); }
void ExportDialog::setFloat32(bool on) { float32_->setChecked(on); }
void ExportDialog::setAligned(bool on) { (on ? aligned_ : perTimeframe_)->setChecked(true); }

bool ExportDialog::start(QString* error) {
  auto refuse = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  if (isRunning()) return refuse(tr("An export is running."));
  if (!outcome_) return refuse(tr("Nothing to export: run a symbol first."));
  const QDir folder(folder_->text());
  if (folder_->text().isEmpty() || !folder.exists())
    return refuse(tr("The folder %1 does not exist.").arg(folder_->text()));
  const QString format = format_->currentData().toString();
  const QString symbol = outcome_->request.symbol;
  std::vector<ExportJob> jobs;
  if (aligned_->isChecked()) {
    jobs.push_back({outcome_->result.aligned,
                    folder.filePath(QStringLiteral("%1_aligned.%2").arg(symbol, format))});
  } else {
    for (const TimeframeResult& r : outcome_->result.perTimeframe) {
      const auto found = timeframes_->findItems(r.timeframe.name(), Qt::MatchExactly);
      if (!r.features || found.isEmpty() || found.front()->checkState() != Qt::Checked) continue;
      jobs.push_back({r.features, folder.filePath(QStringLiteral("%1_%2.%3")
                                                       .arg(symbol, r.timeframe.name(), format))});
    }
  }
  if (jobs.empty()) return refuse(tr("Tick at least one timeframe."));

  ExportOptions options;
  options.format = format == QLatin1String("csv") ? ExportFormat::Csv : ExportFormat::Parquet;
  for (const QString& p : columns_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
    options.columns << p.trimmed();
  options.float32 = float32_->isChecked();
  // Every file is checked before the first is written: one bad pattern or destination refuses all.
  QStringList problems;
  for (const ExportJob& job : jobs) problems << exportProblems(*job.features, job.path, options);
  if (!problems.isEmpty()) return refuse(problems.join(QLatin1Char('\n')));
  cancel_ = std::make_shared<std::atomic_bool>(false);
  options.cancel = cancel_.get();
  QPointer<QProgressBar> bar = progress_;
  const auto fileCount = static_cast<qint64>(jobs.size());
  auto flag = cancel_;
  progress_->setValue(0);
  status_->setText(tr("Exporting %n file(s)...", nullptr, int(jobs.size())));
  exportButton_->setEnabled(false);
  cancelButton_->setEnabled(true);
  watcher_.setFuture(QtConcurrent::run([jobs, options, bar, fileCount, flag]() mutable {
    ExportResult result;
    for (qint64 i = 0; i < fileCount; ++i) {
      const ExportJob& job = jobs[static_cast<std::size_t>(i)];
      options.progress = [bar, i, fileCount](qint64 done, qint64 total) {
        const auto value = static_cast<int>(
            (i * kProgressSteps + (total ? done * kProgressSteps / total : kProgressSteps)) / fileCount);
        QMetaObject::invokeMethod(
            bar.data(), [bar, value] { if (bar) bar->setValue(value); }, Qt::QueuedConnection);
      };
      try {
        writeFeatureFile(*job.features, job.path, options);
        result.written << job.path;
      } catch (const ExportCancelled&) {
        result.cancelled = true;
        break;
      } catch (const std::exception& e) {
        result.error = QString::fromUtf8(e.what());
        break;
      }
    }
    result.cancelled = result.cancelled || flag->load();
    return result;
  }));
  return true;
}

void ExportDialog::onFinished() {
  result_ = watcher_.result();
  exportButton_->setEnabled(true);
  cancelButton_->setEnabled(false);
  QStringList lines;
  if (!result_.written.isEmpty()) lines << tr("Wrote:") << result_.written;
  if (result_.cancelled) lines << tr("Cancelled: the file being written was not left behind.");
  if (!result_.error.isEmpty()) lines << tr("Failed: %1").arg(result_.error);
  if (result_.error.isEmpty() && !result_.cancelled) progress_->setValue(kProgressSteps);
  status_->setText(lines.join(QLatin1Char('\n')));
  emit exported(result_);
}

}  // namespace strata::ui
