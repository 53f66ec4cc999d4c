#include "expression_plugin.h"

#include "formula_program.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace strata::formula {
namespace {

// The metadata, in the format every plugin's JSON has (docs/plugins.md).
constexpr const char* kMetadata = R"json({
  "id": "expression", "kind": "formula", "version": "1.0.0", "apiVersion": 1, "category": "Formulas",
  "name": "Formula",
  "description": "A feature written as a formula over earlier columns: arithmetic, comparisons, and/or/not, where, abs log exp sqrt sign min max clip, lag(x, n) and diff(x, n) with n >= 0, cross_above/cross_below, rolling_mean/sum/std/min/max, and every indicator plugin by its id (rsi(close, 14)). It reads only the current and earlier rows, so it cannot look ahead. docs/formulas.md.",
  "outputs": [
    {"name": "{name}", "lookback": "lookback", "bound": ["lookback"], "help": "the formula's value; NaN during its warm-up rows"}
  ],
  "parameters": [
    {"name": "name", "type": "string", "default": "formula", "help": "The output column's name (letters, digits, '_')"},
    {"name": "formula", "type": "formula", "default": "close", "help": "The formula, e.g. (close - sma(close, 20)) / stddev(close, 20)"}
  ]
})json";

bool validName(const QString& name) {
  static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
  return pattern.match(name).hasMatch();
}

}  // namespace

PluginInfo ExpressionPlugin::info() {
  QString error;
  std::optional<PluginInfo> parsed =
      PluginInfo::fromJson(QJsonDocument::fromJson(kMetadata).object(), &error);
  if (!parsed) qFatal("the expression step's own metadata is malformed: %s", qPrintable(error));
  return *parsed;
}

std::vector<Task> ExpressionPlugin::plan(const Params& params, const QStringList& sources, QString* error) const {
  const QString name = params.text(QStringLiteral("name"));
  if (!validName(name)) {
    *error = QStringLiteral("name '%1' is not a column name: letters, digits and '_', not starting with a digit").arg(name);
    return {};
  }
  const QString text = params.text(QStringLiteral("formula"));
  FormulaError formulaError;
  const std::optional<Program> program = compile(text, &sources, &registry_, &formulaError);
  if (!program) {
    *error = QStringLiteral("formula: %1\n%2").arg(formulaError.message, formulaError.excerpt(text));
    return {};
  }
  Task task;
  task.inputs = program->inputs;
  task.outputs = {name};
  task.outputSpecs = {0};
  task.bindings = {{QStringLiteral("name"), name}, {QStringLiteral("lookback"), program->lookback}};
  return {task};
}

void ExpressionPlugin::compute(const Params& params, const Task& task, std::span<const ConstColumn> inputs,
                               std::span<const Column> outputs) const {
  // Compiled again from the task's own inputs: microseconds, against a column's work, and no
  // state shared between the threads that run tasks.
  FormulaError error;
  const std::optional<Program> program =
      compile(params.text(QStringLiteral("formula")), &task.inputs, &registry_, &error);
  if (!program || program->inputs != task.inputs) {
    std::fill(outputs[0].begin(), outputs[0].end(), std::numeric_limits<double>::quiet_NaN());
    return;
  }
  evaluate(*program, inputs, outputs[0]);
}

}  // namespace strata::formula
