#pragma once
// File > Export: writes a run's feature matrices with the export module (writeFeatureFile): CSV
// or Parquet, one file per timeframe or the aligned matrix, the columns matching the given
// patterns, optionally float32; off the GUI thread, with progress and Cancel.
#include "run_controller.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace strata::ui {

struct ExportResult {
  QStringList written;  // paths
  QString error;        // empty on success
  bool cancelled = false;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(std::shared_ptr<const RunOutcome> outcome, QWidget* parent = nullptr);
  ~ExportDialog() override;  // cancels and waits for a running export

  void setFolder(const QString& folder);
  void setFormat(const QString& name);  // "csv" or "parquet"
  void setColumns(const QString& patterns);
  void setFloat32(bool on);
  void setAligned(bool on);
  /// Starts the export; false with the reason when the choices are incomplete.
  bool start(QString* error = nullptr);
  bool isRunning() const { return watcher_.isRunning(); }
  const ExportResult& result() const { return result_; }

 signals:
  void exported(const strata::ui::ExportResult& result);

 private:
  void onFinished();
  std::shared_ptr<const RunOutcome> outcome_;
  std::shared_ptr<std::atomic_bool> cancel_;
  QFutureWatcher<ExportResult> watcher_;
  ExportResult result_;
  QComboBox* format_ = nullptr;
  QRadioButton* perTimeframe_ = nullptr;
  QRadioButton* aligned_ = nullptr;
  QListWidget* timeframes_ = nullptr;
  QLineEdit* columns_ = nullptr;
  QCheckBox* float32_ = nullptr;
  QLineEdit* folder_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
};

}  // namespace strata::ui
