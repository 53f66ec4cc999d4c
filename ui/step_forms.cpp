#include "step_forms.h"

#include "param_form.h"
#include "strata/plugin_info.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace strata::ui {
namespace {

QLabel* heading(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setWordWrap(true);
  label->setTextFormat(Qt::RichText);
  return label;
}

QComboBox* choiceBox(const QStringList& items, int current, const QString& name, QWidget* parent) {
  auto* box = new QComboBox(parent);
  box->setObjectName(name);
  box->addItems(items);
  box->setCurrentIndex(current);
  return box;
}

}  // namespace

StepForm::StepForm(const StepConfig& step, const PluginInfo* info, QWidget* parent, FormulaContext formulas)
    : QWidget(parent), step_(step) {
  auto* layout = new QVBoxLayout(this);
  if (!info) {
    layout->addWidget(heading(
        tr("<b>%1</b><br>No loaded plugin has this id; see Help &gt; Plugins for refused plugins.")
            .arg(step.plugin.toHtmlEscaped()),
        this));
    layout->addStretch();
    return;
  }
  layout->addWidget(heading(QStringLiteral("<b>%1</b> <span style='color:gray'>%2 %3</span><br>%4")
                                .arg(info->name.toHtmlEscaped(), info->id.toHtmlEscaped(),
                                     info->version.toHtmlEscaped(), info->description.toHtmlEscaped()),
                            this));
  auto* paramsBox = new QGroupBox(tr("Parameters"), this);
  auto* paramsLayout = new QVBoxLayout(paramsBox);
  params_ = new ParamForm(info->params, step.params, paramsBox, std::move(formulas));
  paramsLayout->addWidget(params_);
  layout->addWidget(paramsBox);
  connect(params_, &ParamForm::valueChanged, this, [this](const QString& name, const QVariant& v) {
    step_.params.insert(name, v);
    emit stepChanged(step_);
  });

  auto* stepBox = new QGroupBox(tr("Step"), this);
  auto* stepLayout = new QFormLayout(stepBox);
  auto* suffix = new QLineEdit(step.suffix, stepBox);
  suffix->setObjectName(QStringLiteral("stepSuffix"));
  suffix->setToolTip(tr("Appended to every output name, to run one plugin twice"));
  stepLayout->addRow(tr("suffix"), suffix);
  connect(suffix, &QLineEdit::editingFinished, this, [this, suffix] {
    if (suffix->text() == step_.suffix) return;
    step_.suffix = suffix->text();
    emit stepChanged(step_);
  });
  if (step.stage == Stage::Transformations && info->usesApplyTo) {
    auto* applyTo = choiceBox({QStringLiteral("base"), QStringLiteral("all"), QStringLiteral("columns")},
                              static_cast<int>(step.applyTo), QStringLiteral("stepApplyTo"), stepBox);
    applyTo->setToolTip(tr("base: OHLCV + indicators + microstructure; all: every column so far "
                           "(the spec's cumulative behaviour); columns: the names and patterns below"));
    auto* patterns = new QLineEdit(step.applyToPatterns.join(QLatin1String(", ")), stepBox);
    patterns->setObjectName(QStringLiteral("stepApplyToPatterns"));
    patterns->setPlaceholderText(QStringLiteral("close, volume, high*"));
    patterns->setEnabled(step.applyTo == ApplyTo::Columns);
    stepLayout->addRow(tr("apply_to"), applyTo);
    stepLayout->addRow(tr("columns"), patterns);
    auto apply = [this, applyTo, patterns] {
      patterns->setEnabled(applyTo->currentIndex() == static_cast<int>(ApplyTo::Columns));
      step_.applyTo = static_cast<ApplyTo>(applyTo->currentIndex());
      step_.applyToPatterns.clear();
      if (step_.applyTo == ApplyTo::Columns)
        for (const QString& p : patterns->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
          step_.applyToPatterns << p.trimmed();
      step_.keyLocations.insert(QStringLiteral("apply_to"), {});  // written explicitly
      emit stepChanged(step_);
    };
    connect(applyTo, &QComboBox::currentIndexChanged, this, apply);
    connect(patterns, &QLineEdit::editingFinished, this, apply);
  }
  layout->addWidget(stepBox);
  layout->addStretch();
}

TargetForm::TargetForm(const TargetConfig& target, QWidget* parent)
    : QWidget(parent), target_(target) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading(tr("<b>Target</b><br>The next bar's direction: 1 up, 0 otherwise. An "
                               "engine stage, not a plugin: it looks ahead by definition."),
                            this));
  auto* form = new QFormLayout;
  auto* enabled = new QCheckBox(this);
  enabled->setObjectName(QStringLiteral("targetEnabled"));
  enabled->setChecked(target.enabled);
  auto* horizon = new QSpinBox(this);
  horizon->setObjectName(QStringLiteral("targetHorizon"));
  horizon->setRange(1, 100000);
  horizon->setValue(target.horizon);
  horizon->setKeyboardTracking(false);
  horizon->setToolTip(tr("Bars ahead; the spec uses 1"));
  auto* seed = new QCheckBox(this);
  seed->setObjectName(QStringLiteral("targetSeedCompat"));
  seed->setChecked(target.seedCompat);
  seed->setToolTip(tr("Rows without a future bar get 0 as in the spec, not NaN (missing)"));
  form->addRow(tr("enabled"), enabled);
  form->addRow(tr("horizon"), horizon);
  form->addRow(tr("seed_compat"), seed);
  layout->addLayout(form);
  layout->addStretch();
  connect(enabled, &QCheckBox::toggled, this, [this](bool on) {
    target_.enabled = on;
    emit targetChanged(target_);
  });
  connect(horizon, &QSpinBox::valueChanged, this, [this](int bars) {
    target_.horizon = bars;
    emit targetChanged(target_);
  });
  connect(seed, &QCheckBox::toggled, this, [this](bool on) {
    target_.seedCompat = on;
    emit targetChanged(target_);
  });
}

NormalizationForm::NormalizationForm(const NormalizationConfig& normalization, Precision precision,
                                     QWidget* parent)
    : QWidget(parent), normalization_(normalization) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading(tr("<b>Normalisation</b><br>Min-max per column. <i>fit: all</i> (the "
                               "spec) looks into the future; use train_fraction or expanding for "
                               "training data."),
                            this));
  auto* form = new QFormLayout;
  auto* method = choiceBox({QStringLiteral("minmax"), QStringLiteral("none")},
                           static_cast<int>(normalization.method), QStringLiteral("normMethod"), this);
  auto* fit = choiceBox({QStringLiteral("all"), QStringLiteral("train_fraction"), QStringLiteral("expanding")},
                        static_cast<int>(normalization.fit), QStringLiteral("normFit"), this);
  auto* fraction = new QDoubleSpinBox(this);
  fraction->setObjectName(QStringLiteral("normTrainFraction"));
  fraction->setDecimals(3);
  fraction->setRange(0.001, 0.999);  // the config refuses 0 and 1: no rows or no held-out rows
  fraction->setSingleStep(0.05);
  fraction->setValue(normalization.trainFraction);
  fraction->setKeyboardTracking(false);
  auto* inf = choiceBox({QStringLiteral("spec"), QStringLiteral("keep"), QStringLiteral("nan"),
                         QStringLiteral("clip")},
                        static_cast<int>(normalization.infPolicy), QStringLiteral("normInfPolicy"), this);
  inf->setToolTip(tr("spec: a column holding inf becomes zeros (the spec); keep; nan; clip to the "
                     "finite range"));
  form->addRow(tr("method"), method);
  form->addRow(tr("fit"), fit);
  form->addRow(tr("train_fraction"), fraction);
  form->addRow(tr("inf_policy"), inf);
  // Same order as strata::Precision.
  auto* output = choiceBox({precisionName(Precision::Float64), precisionName(Precision::Float32)},
                           static_cast<int>(precision), QStringLiteral("outputPrecision"), this);
  output->setToolTip(tr("float32 halves the matrix in memory and on disk: computed in double, rounded "
                        "once at the end"));
  form->addRow(tr("precision"), output);
  connect(output, &QComboBox::currentIndexChanged, this,
          [this](int index) { emit precisionChanged(static_cast<Precision>(index)); });
  layout->addLayout(form);
  layout->addStretch();
  auto update = [this, method, fit, fraction, inf] {
    normalization_.method = static_cast<NormMethod>(method->currentIndex());
    normalization_.fit = static_cast<NormFit>(fit->currentIndex());
    normalization_.trainFraction = fraction->value();
    normalization_.infPolicy = static_cast<InfPolicy>(inf->currentIndex());
    emit normalizationChanged(normalization_);
  };
  connect(method, &QComboBox::currentIndexChanged, this, update);
  connect(fit, &QComboBox::currentIndexChanged, this, update);
  connect(fraction, &QDoubleSpinBox::valueChanged, this, update);
  connect(inf, &QComboBox::currentIndexChanged, this, update);
}

}  // namespace strata::ui
