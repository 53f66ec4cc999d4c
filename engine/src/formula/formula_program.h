#pragma once
// A compiled formula: a graph of column operations in evaluation order, each computed once
// (common subexpressions shared), typed, with the rows of warm-up it needs.
#include "strata/formula.h"
#include "strata/sdk/plugin_api.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <span>
#include <vector>

namespace strata {
struct LoadedPlugin;
}

namespace strata::formula {

enum class ValueType { Number, Boolean };

enum class OpCode {
  Column, Constant,
  Negate, Add, Subtract, Multiply, Divide, Power,
  Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, And, Or, Not,
  Where, Abs, Log, Exp, Sqrt, Sign, Min, Max, Clip,
  Lag, Diff, CrossAbove, CrossBelow,
  RollingMean, RollingSum, RollingStd, RollingMin, RollingMax,
  Plugin,
};

/// A call of another plugin's kernel inside a formula: one task, its inputs the call's column
/// arguments in the plugin's input order, one of its outputs kept.
struct PluginCall {
  const LoadedPlugin* plugin = nullptr;
  Params params;
  Task task;
  int output = 0;  // index into task.outputs
};

struct Op {
  OpCode code = OpCode::Constant;
  std::vector<int> args;  // earlier ops
  double constant = 0;    // Constant
  int period = 0;         // Lag, Diff, Rolling*: rows
  int input = -1;         // Column: index into Program::inputs
  std::optional<PluginCall> call;
  int lookback = 0;  // leading rows this op leaves NaN (beyond its inputs' own)
  ValueType type = ValueType::Number;
};

struct Program {
  QStringList inputs;  // the columns the formula reads, in first-use order
  std::vector<Op> ops;  // in evaluation order; the last is the result
  int lookback = 0;
  ValueType type = ValueType::Number;
};

/// Compiles `text`. `columns` are the names it may read (null: any name is taken for a column);
/// `registry` (may be null) supplies the plugin functions. nullopt with `error` when the
/// formula cannot run.
std::optional<Program> compile(const QString& text, const QStringList* columns,
                               const PluginRegistry* registry, FormulaError* error);

/// A built-in function's signature ("lag(x, n = 1), n >= 0"); empty for other names.
QString builtinSignature(const QString& function);

/// Evaluates `program` over `inputs` (one per Program::inputs, equal lengths) into `out`.
void evaluate(const Program& program, std::span<const ConstColumn> inputs, Column out);

}  // namespace strata::formula
