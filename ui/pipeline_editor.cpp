#include "pipeline_editor.h"
#include "add_step_menu.h"

#include "step_forms.h"
#include "strata/bounded_read.h"
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {
namespace {

// Tree item roles: what an item stands for.
constexpr int kKindRole = Qt::UserRole;
constexpr int kStepRole = Qt::UserRole + 1;
enum ItemKind { kStageItem, kStepItem, kTargetItem, kNormalizationItem };

const Stage kStages[] = {Stage::Indicators, Stage::Microstructure, Stage::Transformations};

QString stageTitle(Stage stage) {
  switch (stage) {
    case Stage::Indicators: return QObject::tr("Indicators");
    case Stage::Microstructure: return QObject::tr("Microstructure");
    case Stage::Transformations: return QObject::tr("Transformations");
  }
  return {};
}

Stage stageOfKind(const QString& kind) {
  if (kind == QLatin1String("microstructure")) return Stage::Microstructure;
  if (kind == QLatin1String("transform")) return Stage::Transformations;
  return Stage::Indicators;
}

QString stepLabel(const StepConfig& step) {
  QStringList shown;
  for (auto it = step.params.cbegin(); it != step.params.cend(); ++it)
    if (it.value().typeId() != QMetaType::QVariantList) shown << it.value().toString();
  QString label = step.plugin;
  if (!step.suffix.isEmpty()) label += step.suffix;
  if (!shown.isEmpty()) label += QStringLiteral(" (%1)").arg(shown.join(QLatin1String(", ")));
  return label;
}

}  // namespace

PipelineEditor::PipelineEditor(const PluginRegistry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry) {
  tree_ = new QTreeWidget(this);
  tree_->setObjectName(QStringLiteral("pipelineTree"));
  tree_->setHeaderHidden(true);
  tree_->setMinimumHeight(150);
  addButton_ = new QToolButton(this);
  addButton_->setObjectName(QStringLiteral("addStep"));
  addButton_->setText(tr("Add step"));
  addButton_->setPopupMode(QToolButton::InstantPopup);
  auto* addMenu = new AddStepMenu(registry_, addButton_);
  addMenu->setObjectName(QStringLiteral("addStepMenu"));
  connect(addMenu, &AddStepMenu::pluginChosen, this, &PipelineEditor::addStep);
  addButton_->setMenu(addMenu);
  removeButton_ = new QToolButton(this);
  removeButton_->setObjectName(QStringLiteral("removeStep"));
  removeButton_->setText(tr("Remove"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(addButton_);
  buttons->addWidget(removeButton_);
  buttons->addStretch();
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(tree_);
  leftLayout->addLayout(buttons);

  formArea_ = new QScrollArea(this);
  formArea_->setObjectName(QStringLiteral("stepFormArea"));
  formArea_->setWidgetResizable(true);
  yamlEdit_ = new QPlainTextEdit(this);
  yamlEdit_->setObjectName(QStringLiteral("yamlEdit"));
  yamlEdit_->setLineWrapMode(QPlainTextEdit::NoWrap);
  QFont mono(QStringLiteral("monospace"));
  mono.setStyleHint(QFont::TypeWriter);
  yamlEdit_->setFont(mono);
  tabs_ = new QTabWidget(this);
  tabs_->setObjectName(QStringLiteral("pipelineTabs"));
  tabs_->addTab(formArea_, tr("Form"));
  tabs_->addTab(yamlEdit_, tr("YAML"));

  errorList_ = new QListWidget(this);
  errorList_->setObjectName(QStringLiteral("pipelineErrors"));
  errorList_->setMaximumHeight(90);
  errorList_->hide();

  // Stacked: the editor lives in a dock, which is taller than it is wide.
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(left);
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(splitter, 1);
  layout->addWidget(errorList_);

  yamlTimer_ = new QTimer(this);
  yamlTimer_->setSingleShot(true);
  yamlTimer_->setInterval(300);  // parse once the user pauses typing
  connect(yamlTimer_, &QTimer::timeout, this, [this] { applyYaml(false); });
  connect(yamlEdit_, &QPlainTextEdit::textChanged, this, [this] {
    if (!updating_) yamlTimer_->start();
  });
  connect(tree_, &QTreeWidget::currentItemChanged, this,
          [this](QTreeWidgetItem* item) { showForm(item); });
  connect(tree_, &QTreeWidget::itemChanged, this, &PipelineEditor::onItemChanged);
  connect(removeButton_, &QToolButton::clicked, this, &PipelineEditor::removeSelectedStep);
  connect(errorList_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const int line = item->data(Qt::UserRole).toInt();
    if (line <= 0) return;
    tabs_->setCurrentWidget(yamlEdit_);
    QTextCursor cursor(yamlEdit_->document()->findBlockByLineNumber(line - 1));
    yamlEdit_->setTextCursor(cursor);
    yamlEdit_->setFocus();
  });

  setYaml(PipelineConfig::defaultYaml(), QStringLiteral("default.yaml"));
}

void PipelineEditor::setYaml(const QString& yaml, const QString& fileName) {
  fileName_ = fileName;
  updating_ = true;
  yamlEdit_->setPlainText(yaml);
  updating_ = false;
  applyYaml(false);
}

QString PipelineEditor::yaml() const { return yamlEdit_->toPlainText(); }

QStringList PipelineEditor::errors() const {
  QStringList out;
  for (int i = 0; i < errorList_->count(); ++i) out << errorList_->item(i)->text();
  return out;
}

void PipelineEditor::applyYaml(bool fromForm) {
  yamlTimer_->stop();
  std::vector<Diagnostic> diagnostics;
  std::optional<PipelineConfig> parsed = PipelineConfig::fromYaml(yaml(), fileName_, &diagnostics);
  if (parsed) diagnostics = parsed->validate(registry_);
  markErrorLines(diagnostics);
  errorList_->clear();
  for (const Diagnostic& d : diagnostics) {
    auto* item = new QListWidgetItem(d.toString(), errorList_);
    item->setData(Qt::UserRole, d.where.line);
    item->setForeground(QColor(0xc0, 0x39, 0x2b));
  }
  errorList_->setVisible(!diagnostics.empty());
  const bool valid = parsed && diagnostics.empty();
  if (valid) {
    config_ = std::move(*parsed);
    if (!fromForm) rebuildTree();
  }
  if (valid != valid_) {
    valid_ = valid;
    emit validityChanged(valid_);
  }
  if (valid) emit configChanged();
}

void PipelineEditor::writeConfig(const PipelineConfig& edited) {
  updating_ = true;
  yamlEdit_->setPlainText(edited.toYaml());
  updating_ = false;
  applyYaml(true);
  // Labels show parameter values: refresh them without rebuilding the form being edited.
  const QSignalBlocker blocker(tree_);
  for (QTreeWidgetItemIterator it(tree_); *it; ++it)
    if ((*it)->data(0, kKindRole).toInt() == kStepItem) {
      const auto index = static_cast<std::size_t>((*it)->data(0, kStepRole).toInt());
      if (index < config_.steps.size()) (*it)->setText(0, stepLabel(config_.steps[index]));
    }
}

void PipelineEditor::markErrorLines(const std::vector<Diagnostic>& diagnostics) {
  QList<QTextEdit::ExtraSelection> marks;
  for (const Diagnostic& d : diagnostics) {
    if (d.where.line <= 0) continue;
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(yamlEdit_->document()->findBlockByLineNumber(d.where.line - 1));
    mark.format.setBackground(QColor(0xfa, 0xdb, 0xd8));
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    mark.format.setToolTip(d.message);
    marks << mark;
  }
  yamlEdit_->setExtraSelections(marks);
}

void PipelineEditor::rebuildTree() {
  // Keep the selection on the same kind of item and step position across a rebuild.
  int selectedKind = -1, selectedStep = -1;
  if (QTreeWidgetItem* current = tree_->currentItem()) {
    selectedKind = current->data(0, kKindRole).toInt();
    selectedStep = current->data(0, kStepRole).toInt();
  }
  const QSignalBlocker blocker(tree_);
  tree_->clear();
  QTreeWidgetItem* reselect = nullptr;
  for (const Stage stage : kStages) {
    auto* stageItem = new QTreeWidgetItem(tree_, {stageTitle(stage)});
    stageItem->setData(0, kKindRole, kStageItem);
    stageItem->setData(0, kStepRole, static_cast<int>(stage));
    for (std::size_t i = 0; i < config_.steps.size(); ++i) {
      const StepConfig& step = config_.steps[i];
      if (step.stage != stage) continue;
      auto* item = new QTreeWidgetItem(stageItem, {stepLabel(step)});
      item->setData(0, kKindRole, kStepItem);
      item->setData(0, kStepRole, static_cast<int>(i));
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(0, step.enabled ? Qt::Checked : Qt::Unchecked);
      if (!registry_.find(step.plugin)) item->setForeground(0, QColor(0xc0, 0x39, 0x2b));
      if (selectedKind == kStepItem && selectedStep == static_cast<int>(i)) reselect = item;
    }
  }
  auto* target = new QTreeWidgetItem(tree_, {tr("Target")});
  target->setData(0, kKindRole, kTargetItem);
  target->setFlags(target->flags() | Qt::ItemIsUserCheckable);
  target->setCheckState(0, config_.target.enabled ? Qt::Checked : Qt::Unchecked);
  auto* normalization = new QTreeWidgetItem(tree_, {tr("Normalisation")});
  normalization->setData(0, kKindRole, kNormalizationItem);
  if (selectedKind == kTargetItem) reselect = target;
  if (selectedKind == kNormalizationItem) reselect = normalization;
  tree_->expandAll();
  if (!reselect) reselect = tree_->topLevelItem(0)->childCount() ? tree_->topLevelItem(0)->child(0)
                                                                  : tree_->topLevelItem(0);
  tree_->setCurrentItem(reselect);
  showForm(reselect);
}

void PipelineEditor::showForm(QTreeWidgetItem* item) {
  QWidget* form = nullptr;
  const int kind = item ? item->data(0, kKindRole).toInt() : kStageItem;
  if (kind == kStepItem) {
    const int index = item->data(0, kStepRole).toInt();
    const StepConfig& step = config_.steps[static_cast<std::size_t>(index)];
    const LoadedPlugin* plugin = registry_.find(step.plugin);
    const FormulaContext formulas{&registry_, columnsBeforeStep(config_, registry_, static_cast<std::size_t>(index))};
    auto* stepForm = new StepForm(step, plugin ? &plugin->info : nullptr, nullptr, formulas);
    connect(stepForm, &StepForm::stepChanged, this, [this, index](const StepConfig& edited) {
      PipelineConfig next = config_;
      next.steps[static_cast<std::size_t>(index)] = edited;
      writeConfig(next);
    });
    form = stepForm;
  } else if (kind == kTargetItem) {
    auto* targetForm = new TargetForm(config_.target);
    connect(targetForm, &TargetForm::targetChanged, this, [this](const TargetConfig& edited) {
      PipelineConfig next = config_;
      next.target = edited;
      writeConfig(next);
    });
    form = targetForm;
  } else if (kind == kNormalizationItem) {
    auto* normForm = new NormalizationForm(config_.normalization, config_.precision);
    connect(normForm, &NormalizationForm::normalizationChanged, this,
            [this](const NormalizationConfig& edited) {
              PipelineConfig next = config_;
              next.normalization = edited;
              writeConfig(next);
            });
    connect(normForm, &NormalizationForm::precisionChanged, this, [this](Precision edited) {
      PipelineConfig next = config_;
      next.precision = edited;
      writeConfig(next);
    });
    form = normForm;
  } else {
    auto* label = new QLabel(tr("Select a step to edit its parameters. Check or uncheck a step "
                                "to enable or disable it; Add step lists every loaded plugin."));
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    form = label;
  }
  formArea_->setWidget(form);  // deletes the previous form
}

QWidget* PipelineEditor::currentForm() const { return formArea_->widget(); }

bool PipelineEditor::selectStep(const QString& plugin) {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(0, kKindRole).toInt() != kStepItem) continue;
    const auto index = static_cast<std::size_t>((*it)->data(0, kStepRole).toInt());
    if (config_.steps[index].plugin == plugin) {
      tree_->setCurrentItem(*it);
      return true;
    }
  }
  return false;
}

void PipelineEditor::onItemChanged(QTreeWidgetItem* item, int) {
  PipelineConfig next = config_;
  const bool on = item->checkState(0) == Qt::Checked;
  switch (item->data(0, kKindRole).toInt()) {
    case kStepItem: next.steps[static_cast<std::size_t>(item->data(0, kStepRole).toInt())].enabled = on; break;
    case kTargetItem: next.target.enabled = on; break;
    default: return;
  }
  writeConfig(next);
  showForm(tree_->currentItem());  // the target form shows `enabled` too
}

void PipelineEditor::addStep(const QString& pluginId) {
  const LoadedPlugin* plugin = registry_.find(pluginId);
  if (!plugin) return;
  PipelineConfig next = config_;
  StepConfig step;
  step.plugin = pluginId;
  step.stage = stageOfKind(plugin->info.kind);
  // A plugin without defaults for every parameter gets them written, so the YAML shows what to edit.
  for (const ParamSpec& spec : plugin->info.params) step.params.insert(spec.name, spec.defaultValue);
  next.steps.push_back(step);
  updating_ = true;
  yamlEdit_->setPlainText(next.toYaml());
  updating_ = false;
  applyYaml(false);
  selectStep(pluginId);
}

void PipelineEditor::removeSelectedStep() {
  QTreeWidgetItem* item = tree_->currentItem();
  if (!item || item->data(0, kKindRole).toInt() != kStepItem) return;
  PipelineConfig next = config_;
  next.steps.erase(next.steps.begin() + item->data(0, kStepRole).toInt());
  updating_ = true;
  yamlEdit_->setPlainText(next.toYaml());
  updating_ = false;
  applyYaml(false);
}

bool PipelineEditor::openFile(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
    *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
  }
  QString problem;
  const std::optional<QByteArray> bytes = readBounded(file, {}, &problem);
  if (!bytes) {
    *error = QStringLiteral("%1: %2").arg(path, problem);
    return false;
  }
  file_ = path;
  setYaml(QString::fromUtf8(*bytes), QFileInfo(path).fileName());
  return true;
}

bool PipelineEditor::saveFile(const QString& path, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(yaml().toUtf8()) < 0 ||
      !file.commit()) {
    *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
  }
  file_ = path;
  fileName_ = QFileInfo(path).fileName();
  return true;
}

}  // namespace strata::ui
