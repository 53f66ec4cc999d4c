#include "param_form.h"

#include "formula_editor.h"
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

namespace strata::ui {
namespace {

const char* kRefusedStyle = "border: 1px solid #c0392b;";

}  // namespace

QVariant parseFlowText(const QString& text, QString* error) {
  const std::optional<QVariant> value = parseParamValueText(text, error);
  if (!value) return {};
  if (value->typeId() != QMetaType::QVariantList) {
    *error = QStringLiteral("expected a list in brackets, e.g. [1, 2, 3]");
    return {};
  }
  return *value;
}

ParamForm::ParamForm(const std::vector<ParamSpec>& params, const QVariantMap& values,
                     QWidget* parent, FormulaContext formulas)
    : QWidget(parent), params_(params), formulas_(std::move(formulas)) {
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  if (params_.empty()) form->addRow(new QLabel(tr("This plugin has no parameters."), this));
  for (const ParamSpec& spec : params_) {
    const QVariant value = values.contains(spec.name) ? values.value(spec.name) : spec.defaultValue;
    QWidget* editor = makeEditor(spec, value);
    editor->setObjectName(QStringLiteral("param_") + spec.name);
    QString tip = spec.help;
    if (spec.min || spec.max)
      tip += QStringLiteral("\n(%1 .. %2)")
                 .arg(spec.min ? QString::number(*spec.min) : QStringLiteral("-"),
                      spec.max ? QString::number(*spec.max) : QStringLiteral("-"));
    editor->setToolTip(tip.trimmed());
    auto* refusal = new QLabel(this);
    refusal->setObjectName(QStringLiteral("refusal_") + spec.name);
    refusal->setStyleSheet(QStringLiteral("color: #c0392b;"));
    refusal->setWordWrap(true);
    refusal->hide();
    auto* cell = new QWidget(this);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(editor);
    column->addWidget(refusal);
    auto* label = new QLabel(spec.name, this);
    label->setToolTip(editor->toolTip());
    form->addRow(label, cell);
    editors_.insert(spec.name, editor);
    refusals_.insert(spec.name, refusal);
  }
}

QString ParamForm::refusal(const QString& name) const {
  const QLabel* label = refusals_.value(name);
  return label && !label->isHidden() ? label->text() : QString();
}

void ParamForm::offer(const ParamSpec& spec, const QVariant& value) {
  QVariant canonical;
  const QString problem = spec.check(value, &canonical);
  QLabel* label = refusals_.value(spec.name);
  QWidget* editor = editors_.value(spec.name);
  if (label) {
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
  }
  if (editor) editor->setStyleSheet(problem.isEmpty() ? QString() : QString::fromLatin1(kRefusedStyle));
  if (problem.isEmpty()) emit valueChanged(spec.name, canonical);
}

QWidget* ParamForm::makeEditor(const ParamSpec& spec, const QVariant& value) {
  switch (spec.type) {
    case ParamType::Int: {
      auto* box = new QSpinBox(this);
      box->setRange(spec.min ? static_cast<int>(std::ceil(*spec.min)) : INT_MIN,
                    spec.max ? static_cast<int>(std::floor(*spec.max)) : INT_MAX);
      box->setValue(value.toInt());
      box->setKeyboardTracking(false);  // one change per committed number, not per digit
      connect(box, &QSpinBox::valueChanged, this, [this, spec](int v) { offer(spec, v); });
      return box;
    }
    case ParamType::Double: {
      auto* box = new QDoubleSpinBox(this);
      box->setDecimals(6);
      box->setRange(spec.min.value_or(-1e12), spec.max.value_or(1e12));
      box->setSingleStep(0.1);
      box->setValue(value.toDouble());
      box->setKeyboardTracking(false);
      connect(box, &QDoubleSpinBox::valueChanged, this, [this, spec](double v) { offer(spec, v); });
      return box;
    }
    case ParamType::Bool: {
      auto* box = new QCheckBox(this);
      box->setChecked(value.toBool());
      connect(box, &QCheckBox::toggled, this, [this, spec](bool v) { offer(spec, v); });
      return box;
    }
    case ParamType::Choice: {
      auto* box = new QComboBox(this);
      box->addItems(spec.choices);
      box->setCurrentText(value.toString());
      connect(box, &QComboBox::currentTextChanged, this,
              [this, spec](const QString& v) { offer(spec, v); });
      return box;
    }
    case ParamType::String: {
      auto* edit = new QLineEdit(value.toString(), this);
      connect(edit, &QLineEdit::editingFinished, this,
              [this, spec, edit] { offer(spec, edit->text()); });
      return edit;
    }
    case ParamType::Formula: {
      const QStringList columns = formulas_.columns.isEmpty() ? kBarColumns : formulas_.columns;
      auto* editor = new FormulaEditor(value.toString(), formulas_.registry, columns, this);
      connect(editor, &FormulaEditor::committed, this, [this, spec, editor](const QString& text) {
        if (editor->problem().isEmpty()) return offer(spec, text);
        refusals_.value(spec.name)->setText(tr("Not applied: the formula above has an error."));
        refusals_.value(spec.name)->show();
      });
      return editor;
    }
    case ParamType::IntList:
    case ParamType::StringList:
    case ParamType::Pairs: {
      auto* edit = new QLineEdit(paramValueText(value), this);
      edit->setPlaceholderText(spec.type == ParamType::Pairs ? QStringLiteral("[[a, b], [c, d]]")
                                                             : QStringLiteral("[1, 2, 3]"));
      connect(edit, &QLineEdit::editingFinished, this, [this, spec, edit] {
        QString error;
        const QVariant parsed = parseFlowText(edit->text(), &error);
        if (!error.isEmpty()) {
          refusals_.value(spec.name)->setText(error);
          refusals_.value(spec.name)->show();
          edit->setStyleSheet(QString::fromLatin1(kRefusedStyle));
          return;
        }
        offer(spec, parsed);
      });
      return edit;
    }
  }
  return new QWidget(this);
}

}  // namespace strata::ui
