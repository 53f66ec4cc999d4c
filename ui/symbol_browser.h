#pragma once
// The symbol browser and run controls: a filter over DataSource::listSymbols with each symbol's
// date range, bar count and stored timeframe (read off the GUI thread), the timeframes to
// compute, the lookback, Run and Cancel.
#include "strata/data_source.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace strata::ui {

struct SymbolListing {
  std::vector<SymbolInfo> symbols;
  QStringList errors;  // per symbol or for the whole listing
};

class SymbolBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit SymbolBrowser(std::shared_ptr<const DataSource> source, QWidget* parent = nullptr);

  void reload();
  bool isLoaded() const { return loaded_; }
  QStringList symbols() const;
  QString currentSymbol() const;
  bool selectSymbol(const QString& symbol);

  std::vector<Timeframe> timeframes() const;
  void setTimeframes(const QStringList& names);
  int lookbackDays() const;
  void setLookbackDays(int days);
  bool aligned() const;
  void setRunning(bool running);

  QPushButton* runButton() const { return run_; }
  QPushButton* cancelButton() const { return cancel_; }
  QLineEdit* filterEdit() const { return filter_; }
  QTreeWidget* symbolList() const { return list_; }

 signals:
  void loaded();
  void symbolChanged(const QString& symbol);
  void runRequested();
  void cancelRequested();

 private:
  void populate(const SymbolListing& listing);
  void applyFilter();
  void updateTimeframeAvailability();

  std::shared_ptr<const DataSource> source_;
  QFutureWatcher<SymbolListing> watcher_;
  bool loaded_ = false;
  QString wanted_;  // selected once the listing arrives
  QLineEdit* filter_ = nullptr;
  QTreeWidget* list_ = nullptr;
  QLabel* status_ = nullptr;
  std::vector<QCheckBox*> timeframeBoxes_;
  QSpinBox* lookback_ = nullptr;
  QCheckBox* aligned_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

}  // namespace strata::ui
