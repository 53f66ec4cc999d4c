#pragma once
// The pipeline editor: a tree of steps (indicators, microstructure, transformations, target,
// normalisation) with enable boxes, the selected step's form built from its plugin's schema, and
// a YAML tab. Both views edit one text: every form change is written as YAML (toYaml) and read
// back (fromYaml + validate), so the YAML tab, the diagnostics (file:line:column, marked at
// their line) and the config the Run button uses never disagree.
#include "strata/pipeline_config.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QScrollArea;
class QTabWidget;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

class PipelineEditor : public QWidget {
  Q_OBJECT
 public:
  explicit PipelineEditor(const PluginRegistry& registry, QWidget* parent = nullptr);

  /// Shows `yaml` (e.g. a file's text); `fileName` names it in diagnostics.
  void setYaml(const QString& yaml, const QString& fileName);
  QString yaml() const;
  /// The last config that parsed and validated; what a run uses.
  const PipelineConfig& config() const { return config_; }
  /// False while the YAML has errors (the errors list says which).
  bool isValid() const { return valid_; }
  QStringList errors() const;

  bool openFile(const QString& path, QString* error);
  bool saveFile(const QString& path, QString* error);
  QString currentFile() const { return file_; }

  /// Selects the step of `plugin` (the first one) in the tree; false when there is none.
  bool selectStep(const QString& plugin);
  QWidget* currentForm() const;
  QTabWidget* tabs() const { return tabs_; }
  QPlainTextEdit* yamlEdit() const { return yamlEdit_; }

 signals:
  /// A new valid config (from the form or the YAML tab).
  void configChanged();
  void validityChanged(bool valid);

 private:
  void applyYaml(bool fromForm);
  void writeConfig(const PipelineConfig& edited);
  void rebuildTree();
  void showForm(QTreeWidgetItem* item);
  void markErrorLines(const std::vector<Diagnostic>& diagnostics);
  void onItemChanged(QTreeWidgetItem* item, int column);
  void addStep(const QString& pluginId);
  void removeSelectedStep();

  const PluginRegistry& registry_;
  PipelineConfig config_;
  bool valid_ = true;
  bool updating_ = false;
  QString file_;
  QString fileName_ = QStringLiteral("pipeline.yaml");
  QTreeWidget* tree_ = nullptr;
  QToolButton* addButton_ = nullptr;
  QToolButton* removeButton_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QScrollArea* formArea_ = nullptr;
  QPlainTextEdit* yamlEdit_ = nullptr;
  QListWidget* errorList_ = nullptr;
  QTimer* yamlTimer_ = nullptr;
};

}  // namespace strata::ui
