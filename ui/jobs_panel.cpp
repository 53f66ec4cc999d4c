#include "jobs_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {
namespace {

enum Column { kTimeframe, kStage, kProgress, kOutcome, kTime };

QProgressBar* bar(QTreeWidget* table, QTreeWidgetItem* item) {
  return qobject_cast<QProgressBar*>(table->itemWidget(item, kProgress));
}

}  // namespace

JobsPanel::JobsPanel(QWidget* parent) : QWidget(parent) {
  table_ = new QTreeWidget(this);
  table_->setObjectName(QStringLiteral("jobsTable"));
  table_->setHeaderLabels({tr("Timeframe"), tr("Stage"), tr("Progress"), tr("Outcome"), tr("Time")});
  table_->setRootIsDecorated(false);
  table_->header()->setStretchLastSection(false);
  table_->setColumnWidth(kTimeframe, 44);
  table_->setColumnWidth(kStage, 80);
  table_->setColumnWidth(kProgress, 80);
  table_->setColumnWidth(kOutcome, 260);
  table_->setColumnWidth(kTime, 70);
  summary_ = new QLabel(tr("No run yet."), this);
  summary_->setObjectName(QStringLiteral("jobsSummary"));
  summary_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(table_, 1);
  layout->addWidget(summary_);
}

QTreeWidgetItem* JobsPanel::row(const Timeframe& timeframe) const {
  const auto found = table_->findItems(timeframe.name(), Qt::MatchExactly, kTimeframe);
  return found.isEmpty() ? nullptr : found.front();
}

void JobsPanel::start(const RunRequest& request) {
  table_->clear();
  for (const Timeframe& tf : request.timeframes) {
    auto* item = new QTreeWidgetItem(table_, {tf.name(), jobStageName(JobStage::Queued)});
    auto* progress = new QProgressBar(table_);
    progress->setRange(0, 0);  // busy until the stage says how much there is
    progress->setMaximumHeight(16);
    table_->setItemWidget(item, kProgress, progress);
  }
  summary_->setText(tr("Running %1 on %n timeframe(s)...", nullptr, int(request.timeframes.size()))
                        .arg(request.symbol));
}

void JobsPanel::update(const JobProgress& progress) {
  QTreeWidgetItem* item = row(progress.timeframe);
  if (!item) return;
  item->setText(kStage, jobStageName(progress.stage));
  if (!progress.note.isEmpty()) {  // e.g. waiting for another process: until the outcome replaces it
    item->setText(kOutcome, progress.note);
    item->setToolTip(kOutcome, progress.note);
  }
  if (QProgressBar* b = bar(table_, item)) {
    const bool finished = progress.stage == JobStage::Done || progress.stage == JobStage::CacheHit;
    b->setRange(0, finished ? 1 : progress.total);
    b->setValue(finished ? 1 : progress.done);
  }
}

void JobsPanel::finish(const RunOutcome& outcome) {
  int failed = 0, cached = 0;
  QStringList failures;  // also under the table: the outcome column may be scrolled out of view
  for (std::size_t i = 0; i < outcome.result.perTimeframe.size(); ++i) {
    const TimeframeResult& result = outcome.result.perTimeframe[i];
    QTreeWidgetItem* item = row(result.timeframe);
    if (!item) continue;
    QString text;
    QColor color;
    if (result.features) {
      const FeatureSet& fs = *result.features;
      text = result.fromCache ? tr("from cache: ") : QString();
      text += tr("%1 rows x %2 features, %3").arg(fs.matrix.rows()).arg(fs.matrix.cols())
                  .arg(precisionName(fs.matrix.precision()));
      item->setText(kStage, jobStageName(result.fromCache ? JobStage::CacheHit : JobStage::Done));
      cached += result.fromCache ? 1 : 0;
    } else {
      text = result.error.isEmpty() ? tr("cancelled") : result.error;
      color = QColor(0xc0, 0x39, 0x2b);
      item->setText(kStage, jobStageName(outcome.cancelled ? JobStage::Cancelled : JobStage::Failed));
      ++failed;
      if (!result.error.isEmpty()) failures << QStringLiteral("%1: %2").arg(result.timeframe.name(), result.error);
    }
    item->setText(kTime, tr("%1 ms").arg(result.millis));
    item->setText(kOutcome, text);
    item->setToolTip(kOutcome, text);
    if (color.isValid()) item->setForeground(kOutcome, color);
    if (QProgressBar* b = bar(table_, item)) {
      b->setRange(0, 1);
      b->setValue(result.features ? 1 : 0);
    }
  }
  QString summary;
  if (!outcome.error.isEmpty())
    summary = tr("Run failed: %1").arg(outcome.error);
  else if (outcome.cancelled)
    summary = tr("Cancelled after %1 ms.").arg(outcome.millis);
  else
    summary = tr("Finished in %1 ms: %2 timeframe(s), %3 from the cache, %4 failed.")
                  .arg(outcome.millis)
                  .arg(outcome.result.perTimeframe.size())
                  .arg(cached)
                  .arg(failed);
  if (!outcome.result.alignedError.isEmpty())
    summary += tr(" Aligned matrix: %1").arg(outcome.result.alignedError);
  if (!failures.isEmpty()) summary += QLatin1Char('\n') + failures.join(QLatin1Char('\n'));
  summary_->setText(summary);
}

QString JobsPanel::outcomeText(const QString& timeframe) const {
  const auto found = table_->findItems(timeframe, Qt::MatchExactly, kTimeframe);
  return found.isEmpty() ? QString() : found.front()->text(kOutcome);
}

QString JobsPanel::stageText(const QString& timeframe) const {
  const auto found = table_->findItems(timeframe, Qt::MatchExactly, kTimeframe);
  return found.isEmpty() ? QString() : found.front()->text(kStage);
}

}  // namespace strata::ui
