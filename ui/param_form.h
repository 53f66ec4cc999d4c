#pragma once
// A form built from a plugin's parameter schema (strata/plugin_info.h), so a new plugin gets an
// editor without GUI code: int -> QSpinBox and double -> QDoubleSpinBox with the schema's range,
// choice -> QComboBox, bool -> QCheckBox, string -> QLineEdit, formula -> FormulaEditor (with
// the FormulaContext's functions and columns), lists and pairs -> a line edit in
// YAML flow syntax ("[1, 2, 3]", "[[close, open]]"). The schema's help is each editor's
// tooltip. A value the schema refuses is refused at the widget (red frame, the reason beside it)
// and never emitted.
#include "strata/plugin_info.h"

#include <QHash>
#include <QVariantMap>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

/// What a formula parameter's editor completes and checks against.
struct FormulaContext {
  const PluginRegistry* registry = nullptr;  // the functions (null: the built-ins only)
  QStringList columns;                       // the columns the step may read (empty: the bar columns)
};

class ParamForm : public QWidget {
  Q_OBJECT
 public:
  /// `values`: the parameters as written in the config; the others show their defaults.
  ParamForm(const std::vector<ParamSpec>& params, const QVariantMap& values, QWidget* parent = nullptr,
            FormulaContext formulas = {});

  /// The editor of one parameter (object name "param_<name>"), or null.
  QWidget* editor(const QString& name) const { return editors_.value(name); }
  /// The reason the last value typed into `name` was refused, or empty.
  QString refusal(const QString& name) const;

 signals:
  void valueChanged(const QString& name, const QVariant& canonical);

 private:
  QWidget* makeEditor(const ParamSpec& spec, const QVariant& value);
  void offer(const ParamSpec& spec, const QVariant& value);
  QHash<QString, QWidget*> editors_;
  QHash<QString, QLabel*> refusals_;
  std::vector<ParamSpec> params_;
  FormulaContext formulas_;
};

/// Parses YAML flow text into a list QVariant with the pipeline config's own scalar rules
/// (parseParamValueText); sets *error when it is not YAML or not a list.
QVariant parseFlowText(const QString& text, QString* error);

}  // namespace strata::ui
