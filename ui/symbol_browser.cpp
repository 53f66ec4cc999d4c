#include "symbol_browser.h"

#include <QCheckBox>
#include <QDateTime>
#include <QTimeZone>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::ui {
namespace {

const char* const kTimeframeNames[] = {"1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"};

QString day(Timestamp t) {
  return QDateTime::fromMSecsSinceEpoch(t / 1000, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd"));
}

SymbolListing listSymbols(const DataSource& source) {
  SymbolListing listing;
  try {
    for (const QString& symbol : source.listSymbols()) {
      try {
        if (auto info = source.symbolInfo(symbol)) listing.symbols.push_back(*info);
      } catch (const std::exception& e) {
        listing.errors << QString::fromUtf8(e.what());
      }
    }
  } catch (const std::exception& e) {
    listing.errors << QString::fromUtf8(e.what());
  }
  return listing;
}

}  // namespace

SymbolBrowser::SymbolBrowser(std::shared_ptr<const DataSource> source, QWidget* parent)
    : QWidget(parent), source_(std::move(source)) {
  filter_ = new QLineEdit(this);
  filter_->setObjectName(QStringLiteral("symbolFilter"));
  filter_->setPlaceholderText(tr("Filter symbols"));
  filter_->setClearButtonEnabled(true);
  list_ = new QTreeWidget(this);
  list_->setObjectName(QStringLiteral("symbolList"));
  list_->setHeaderLabels({tr("Symbol"), tr("From"), tr("To"), tr("Bars"), tr("Stored")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  status_ = new QLabel(tr("Loading symbols..."), this);
  status_->setObjectName(QStringLiteral("symbolStatus"));
  status_->setWordWrap(true);

  auto* runBox = new QGroupBox(tr("Run"), this);
  auto* grid = new QGridLayout(runBox);
  auto* tfRow = new QGridLayout;
  int i = 0;
  for (const char* name : kTimeframeNames) {
    auto* box = new QCheckBox(QLatin1String(name), runBox);
    box->setObjectName(QStringLiteral("timeframe_") + QLatin1String(name));
    tfRow->addWidget(box, i / 4, i % 4);
    timeframeBoxes_.push_back(box);
    ++i;
  }
  lookback_ = new QSpinBox(runBox);
  lookback_->setObjectName(QStringLiteral("lookbackDays"));
  lookback_->setRange(0, 100000);
  lookback_->setSpecialValueText(tr("all bars"));
  lookback_->setSuffix(tr(" days"));
  lookback_->setToolTip(tr("Days back from the symbol's last bar; 0: every bar"));
  aligned_ = new QCheckBox(tr("aligned matrix"), runBox);
  aligned_->setObjectName(QStringLiteral("alignedMatrix"));
  aligned_->setToolTip(tr("Also build the aligned multi-timeframe matrix (base-timeframe rows, "
                          "each higher timeframe from its latest closed bar)"));
  run_ = new QPushButton(tr("Run"), runBox);
  run_->setObjectName(QStringLiteral("runButton"));
  run_->setDefault(true);
  cancel_ = new QPushButton(tr("Cancel"), runBox);
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  cancel_->setEnabled(false);
  grid->addWidget(new QLabel(tr("Timeframes"), runBox), 0, 0);
  grid->addLayout(tfRow, 0, 1, 1, 2);
  grid->addWidget(new QLabel(tr("Lookback"), runBox), 1, 0);
  grid->addWidget(lookback_, 1, 1);
  grid->addWidget(aligned_, 1, 2);
  grid->addWidget(run_, 2, 1);
  grid->addWidget(cancel_, 2, 2);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(filter_);
  layout->addWidget(list_, 1);
  layout->addWidget(status_);
  layout->addWidget(runBox);

  connect(filter_, &QLineEdit::textChanged, this, &SymbolBrowser::applyFilter);
  connect(list_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    updateTimeframeAvailability();
    if (item) emit symbolChanged(item->text(0));
  });
  connect(run_, &QPushButton::clicked, this, &SymbolBrowser::runRequested);
  connect(cancel_, &QPushButton::clicked, this, &SymbolBrowser::cancelRequested);
  connect(&watcher_, &QFutureWatcherBase::finished, this, [this] { populate(watcher_.result()); });
  setTimeframes({QStringLiteral("1d")});
  reload();
}

void SymbolBrowser::reload() {
  if (!source_) {
    status_->setText(tr("No data source."));
    return;
  }
  if (watcher_.isRunning()) return;
  loaded_ = false;
  std::shared_ptr<const DataSource> source = source_;
  watcher_.setFuture(QtConcurrent::run([source] { return listSymbols(*source); }));
}

void SymbolBrowser::populate(const SymbolListing& listing) {
  const QString keep = wanted_.isEmpty() ? currentSymbol() : wanted_;
  list_->clear();
  for (const SymbolInfo& info : listing.symbols) {
    auto* item = new QTreeWidgetItem(list_, {info.symbol, day(info.first), day(info.last),
                                             QLocale().toString(info.barCount),
                                             info.nativeTimeframe ? info.nativeTimeframe->name() : QString()});
    item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(4, Qt::UserRole,
                  info.nativeTimeframe ? info.nativeTimeframe->seconds() : qint64{0});
  }
  QStringList lines{tr("%n symbol(s) from %1", nullptr, int(listing.symbols.size()))
                        .arg(source_->describe())};
  lines << listing.errors;
  status_->setText(lines.join(QLatin1Char('\n')));
  applyFilter();
  loaded_ = true;
  if (!selectSymbol(keep) && list_->topLevelItemCount() > 0)
    list_->setCurrentItem(list_->topLevelItem(0));
  wanted_.clear();
  emit loaded();
}

void SymbolBrowser::applyFilter() {
  const QString text = filter_->text().trimmed();
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    item->setHidden(!item->text(0).contains(text, Qt::CaseInsensitive));
  }
}

QStringList SymbolBrowser::symbols() const {
  QStringList out;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) out << list_->topLevelItem(i)->text(0);
  return out;
}

QString SymbolBrowser::currentSymbol() const {
  const QTreeWidgetItem* item = list_->currentItem();
  return item ? item->text(0) : QString();
}

bool SymbolBrowser::selectSymbol(const QString& symbol) {
  if (!loaded_) wanted_ = symbol;
  const auto found = list_->findItems(symbol, Qt::MatchFixedString, 0);
  if (found.isEmpty()) return false;
  list_->setCurrentItem(found.front());
  return true;
}

void SymbolBrowser::updateTimeframeAvailability() {
  // A timeframe finer than the stored bars cannot be made from them: offered disabled.
  const QTreeWidgetItem* item = list_->currentItem();
  const qint64 native = item ? item->data(4, Qt::UserRole).toLongLong() : 0;
  for (QCheckBox* box : timeframeBoxes_) {
    const auto tf = Timeframe::parse(box->text());
    const bool possible = native == 0 || (tf && tf->seconds() >= native);
    box->setEnabled(possible);
    box->setToolTip(possible ? QString()
                             : tr("finer than the stored %1 bars").arg(item->text(4)));
  }
}

std::vector<Timeframe> SymbolBrowser::timeframes() const {
  std::vector<Timeframe> out;
  for (const QCheckBox* box : timeframeBoxes_)
    if (box->isChecked() && box->isEnabled())
      if (const auto tf = Timeframe::parse(box->text())) out.push_back(*tf);
  return out;
}

void SymbolBrowser::setTimeframes(const QStringList& names) {
  for (QCheckBox* box : timeframeBoxes_) box->setChecked(names.contains(box->text()));
}

int SymbolBrowser::lookbackDays() const { return lookback_->value(); }
void SymbolBrowser::setLookbackDays(int days) { lookback_->setValue(days); }
bool SymbolBrowser::aligned() const { return aligned_->isChecked(); }

void SymbolBrowser::setRunning(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
}

}  // namespace strata::ui
