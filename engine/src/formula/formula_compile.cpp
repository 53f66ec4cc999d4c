// Syntax tree -> Program: names resolved (columns, built-in functions, plugin kernels), types
// checked, identical subexpressions merged, the warm-up rows of every operation derived.
#include "formula_program.h"
#include "formula_syntax.h"

#include "strata/plugin_info.h"
#include "strata/plugin_registry.h"
#include "suggestion.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace strata::formula {
namespace {

constexpr int kMaxCompileDepth = 256;
constexpr int kMaxPeriod = 1'000'000;

struct Builtin {
  OpCode code;
  int minArgs, maxArgs;  // maxArgs -1: any number (min, max)
  const char* signature;
  const char* help;
};

const QHash<QString, Builtin>& builtins() {
  static const QHash<QString, Builtin> table = {
      {QStringLiteral("where"), {OpCode::Where, 3, 3, "where(condition, if_true, if_false)", "if_true where the condition holds, else if_false; NaN where it is NaN"}},
      {QStringLiteral("abs"), {OpCode::Abs, 1, 1, "abs(x)", "absolute value"}},
      {QStringLiteral("log"), {OpCode::Log, 1, 1, "log(x)", "natural logarithm (NaN below 0, -inf at 0)"}},
      {QStringLiteral("exp"), {OpCode::Exp, 1, 1, "exp(x)", "e to the power x"}},
      {QStringLiteral("sqrt"), {OpCode::Sqrt, 1, 1, "sqrt(x)", "square root (NaN below 0)"}},
      {QStringLiteral("sign"), {OpCode::Sign, 1, 1, "sign(x)", "-1, 0 or 1"}},
      {QStringLiteral("min"), {OpCode::Min, 2, -1, "min(a, b, ...)", "the smallest of its arguments, row by row"}},
      {QStringLiteral("max"), {OpCode::Max, 2, -1, "max(a, b, ...)", "the largest of its arguments, row by row"}},
      {QStringLiteral("clip"), {OpCode::Clip, 3, 3, "clip(x, low, high)", "x limited to [low, high]"}},
      {QStringLiteral("lag"), {OpCode::Lag, 1, 2, "lag(x, n = 1), n >= 0", "x n rows earlier (a negative n would look ahead and is refused)"}},
      {QStringLiteral("diff"), {OpCode::Diff, 1, 2, "diff(x, n = 1), n >= 0", "x minus x n rows earlier"}},
      {QStringLiteral("cross_above"), {OpCode::CrossAbove, 2, 2, "cross_above(a, b)", "1 on the row a moves from at or below b to above it, else 0"}},
      {QStringLiteral("cross_below"), {OpCode::CrossBelow, 2, 2, "cross_below(a, b)", "1 on the row a moves from at or above b to below it, else 0"}},
      {QStringLiteral("rolling_mean"), {OpCode::RollingMean, 2, 2, "rolling_mean(x, n)", "mean of the last n rows, the current one included"}},
      {QStringLiteral("rolling_sum"), {OpCode::RollingSum, 2, 2, "rolling_sum(x, n)", "sum of the last n rows"}},
      {QStringLiteral("rolling_std"), {OpCode::RollingStd, 2, 2, "rolling_std(x, n), sample (n - 1)", "sample standard deviation of the last n rows"}},
      {QStringLiteral("rolling_min"), {OpCode::RollingMin, 2, 2, "rolling_min(x, n)", "smallest of the last n rows"}},
      {QStringLiteral("rolling_max"), {OpCode::RollingMax, 2, 2, "rolling_max(x, n)", "largest of the last n rows"}},
  };
  return table;
}

const QHash<QString, OpCode>& operators() {
  static const QHash<QString, OpCode> table = {
      {QStringLiteral("+"), OpCode::Add},         {QStringLiteral("-"), OpCode::Subtract},
      {QStringLiteral("*"), OpCode::Multiply},    {QStringLiteral("/"), OpCode::Divide},
      {QStringLiteral("^"), OpCode::Power},       {QStringLiteral("<"), OpCode::Less},
      {QStringLiteral("<="), OpCode::LessEqual},  {QStringLiteral(">"), OpCode::Greater},
      {QStringLiteral(">="), OpCode::GreaterEqual}, {QStringLiteral("=="), OpCode::Equal},
      {QStringLiteral("!="), OpCode::NotEqual},   {QStringLiteral("and"), OpCode::And},
      {QStringLiteral("or"), OpCode::Or},
  };
  return table;
}

bool isComparison(OpCode c) { return c >= OpCode::Less && c <= OpCode::NotEqual; }
bool isLogical(OpCode c) { return c == OpCode::And || c == OpCode::Or || c == OpCode::Not; }

class Compiler {
 public:
  Compiler(const SyntaxTree& tree, const QStringList* columns, const PluginRegistry* registry,
           FormulaError* error)
      : tree_(tree), columns_(columns), registry_(registry), error_(error) {}

  std::optional<Program> run() {
    const int result = node(tree_.root, 0);
    if (result < 0) return std::nullopt;
    program_.lookback = op(result).lookback;
    program_.type = op(result).type;
    return std::move(program_);
  }

 private:
  const Op& op(int i) const { return program_.ops[static_cast<std::size_t>(i)]; }
  int fail(const SyntaxNode& at, const QString& message) {
    *error_ = {at.begin, std::max(at.end, at.begin + 1), message};
    return -1;
  }

  // Adds `o` unless an identical operation exists (common subexpressions computed once).
  int intern(Op o) {
    QString key = QString::number(static_cast<int>(o.code));
    for (int a : o.args) key += u',' + QString::number(a);
    key += u'|' + QString::number(o.constant, 'g', 17) + u'|' + QString::number(o.period) + u'|' +
           QString::number(o.input);
    if (o.call) key += u'|' + o.call->plugin->info.id + u'|' + paramKey(o.call->params) + u'|' + QString::number(o.call->output);
    if (const auto it = seen_.constFind(key); it != seen_.constEnd()) return *it;
    int lookback = 0;
    for (int a : o.args) lookback = std::max(lookback, op(a).lookback);
    o.lookback = lookback + ownLookback(o);
    program_.ops.push_back(std::move(o));
    const int index = static_cast<int>(program_.ops.size()) - 1;
    seen_.insert(key, index);
    return index;
  }
  static QString paramKey(const Params& p) {
    QString key;
    for (auto it = p.values().cbegin(); it != p.values().cend(); ++it)
      key += it.key() + u'=' + it.value().toString() + u';';
    return key;
  }
  int ownLookback(const Op& o) const {
    switch (o.code) {
      case OpCode::Lag:
      case OpCode::Diff: return o.period;
      case OpCode::RollingMean:
      case OpCode::RollingSum:
      case OpCode::RollingStd:
      case OpCode::RollingMin:
      case OpCode::RollingMax: return o.period - 1 + (o.code == OpCode::RollingStd && o.period == 1 ? 1 : 0);
      case OpCode::CrossAbove:
      case OpCode::CrossBelow: return 1;
      case OpCode::Plugin: return o.lookback;  // set by pluginCall
      default: return 0;
    }
  }

  // Points at the operand `at` when operation `arg` (its compiled form) has the wrong type.
  bool expect(const SyntaxNode& at, int arg, ValueType type, const QString& where) {
    if (op(arg).type == type) return true;
    fail(at, type == ValueType::Number
                 ? QStringLiteral("%1 needs a number, not a condition: write where(condition, 1, 0) for 1/0").arg(where)
                 : QStringLiteral("%1 needs a condition (a comparison, and, or, not), not a number").arg(where));
    return false;
  }

  int node(int index, int depth) {
    const SyntaxNode& n = tree_.at(index);
    if (depth > kMaxCompileDepth) return fail(n, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxCompileDepth));
    switch (n.kind) {
      case SyntaxNode::Kind::Number: return constant(n.number);
      case SyntaxNode::Kind::Text: return fail(n, QStringLiteral("text is only a plugin's choice parameter, e.g. rsi(close, 14, \"wilder\")"));
      case SyntaxNode::Kind::Name: return name(n);
      case SyntaxNode::Kind::Unary: return unary(n, depth);
      case SyntaxNode::Kind::Binary: return binary(n, depth);
      case SyntaxNode::Kind::Call: return call(n, depth);
    }
    return -1;
  }

  int constant(double value) {
    Op o;
    o.code = OpCode::Constant;
    o.constant = value;
    return intern(std::move(o));
  }

  int name(const SyntaxNode& n) {
    if (n.text == u"true" || n.text == u"false") {
      Op o;
      o.code = OpCode::Constant;
      o.constant = n.text == u"true" ? 1 : 0;
      o.type = ValueType::Boolean;
      return intern(std::move(o));
    }
    if (columns_ && !columns_->contains(n.text))
      return fail(n, QStringLiteral("unknown column '%1'%2").arg(n.text, suggestion(n.text, *columns_)));
    qsizetype input = program_.inputs.indexOf(n.text);
    if (input < 0) {
      program_.inputs << n.text;
      input = program_.inputs.size() - 1;
    }
    Op o;
    o.code = OpCode::Column;
    o.input = static_cast<int>(input);
    return intern(std::move(o));
  }

  int unary(const SyntaxNode& n, int depth) {
    const int arg = node(n.args[0], depth + 1);
    if (arg < 0) return -1;
    Op o;
    if (n.text == u"not") {
      if (!expect(tree_.at(n.args[0]), arg, ValueType::Boolean, QStringLiteral("'not'"))) return -1;
      o.code = OpCode::Not;
      o.type = ValueType::Boolean;
    } else {
      if (!expect(tree_.at(n.args[0]), arg, ValueType::Number, QStringLiteral("'-'"))) return -1;
      if (op(arg).code == OpCode::Constant) return constant(-op(arg).constant);
      o.code = OpCode::Negate;
    }
    o.args = {arg};
    return intern(std::move(o));
  }

  int binary(const SyntaxNode& n, int depth) {
    const int lhs = node(n.args[0], depth + 1);
    if (lhs < 0) return -1;
    const int rhs = node(n.args[1], depth + 1);
    if (rhs < 0) return -1;
    Op o;
    o.code = operators().value(n.text);
    const ValueType operands = isLogical(o.code) ? ValueType::Boolean : ValueType::Number;
    const QString what = QStringLiteral("'%1'").arg(n.text);
    if (!expect(tree_.at(n.args[0]), lhs, operands, what) || !expect(tree_.at(n.args[1]), rhs, operands, what))
      return -1;
    o.type = isLogical(o.code) || isComparison(o.code) ? ValueType::Boolean : ValueType::Number;
    o.args = {lhs, rhs};
    return intern(std::move(o));
  }

  int call(const SyntaxNode& n, int depth) {
    const auto builtin = builtins().constFind(n.text);
    if (builtin != builtins().constEnd()) return builtinCall(n, *builtin, depth);
    if (const LoadedPlugin* plugin = findPlugin(n.text)) return pluginCall(n, *plugin, depth);
    return fail(n, QStringLiteral("unknown function '%1'%2").arg(n.text, suggestion(n.text, formulaFunctionNames(registry_))));
  }

  // A period argument: a whole number literal >= 0 (>= 1 for rolling windows).
  bool period(const SyntaxNode& call, int argument, int minimum, int* out) {
    const SyntaxNode& a = tree_.at(call.args[static_cast<std::size_t>(argument)]);
    const bool negative = a.kind == SyntaxNode::Kind::Unary && a.text == u"-" &&
                          tree_.at(a.args[0]).kind == SyntaxNode::Kind::Number;
    if (negative && (call.text == u"lag" || call.text == u"diff")) {
      fail(a, QStringLiteral("%1 shifts forward only: a negative n would read future rows (look-ahead)").arg(call.text));
      return false;
    }
    if (a.kind != SyntaxNode::Kind::Number || a.number != std::floor(a.number) || a.number < minimum ||
        a.number > kMaxPeriod) {
      fail(a, QStringLiteral("%1: n must be a whole number from %2 to %3, written as a number")
                  .arg(call.text).arg(minimum).arg(kMaxPeriod));
      return false;
    }
    *out = static_cast<int>(a.number);
    return true;
  }

  int builtinCall(const SyntaxNode& n, const Builtin& b, int depth) {
    const int count = static_cast<int>(n.args.size());
    if (count < b.minArgs || (b.maxArgs >= 0 && count > b.maxArgs))
      return fail(n, QStringLiteral("%1 takes %2 argument%3, not %4: %5")
                         .arg(n.text)
                         .arg(b.maxArgs < 0 ? QStringLiteral("%1 or more").arg(b.minArgs)
                              : b.minArgs == b.maxArgs ? QString::number(b.minArgs)
                                                       : QStringLiteral("%1 or %2").arg(b.minArgs).arg(b.maxArgs))
                         .arg(b.maxArgs == 1 ? QString() : QStringLiteral("s"))
                         .arg(count)
                         .arg(QLatin1String(b.signature)));
    Op o;
    o.code = b.code;
    const bool shifted = b.code == OpCode::Lag || b.code == OpCode::Diff;
    const bool rolling = b.code >= OpCode::RollingMean && b.code <= OpCode::RollingMax;
    const int columnArgs = shifted || rolling ? 1 : count;
    if (shifted) o.period = 1;
    if ((shifted && count == 2) || rolling)
      if (!period(n, 1, rolling ? 1 : 0, &o.period)) return -1;
    for (int i = 0; i < columnArgs; ++i) {
      const int arg = node(n.args[static_cast<std::size_t>(i)], depth + 1);
      if (arg < 0) return -1;
      const ValueType want = b.code == OpCode::Where && i == 0 ? ValueType::Boolean : ValueType::Number;
      if (!expect(tree_.at(n.args[static_cast<std::size_t>(i)]), arg, want,
                  QStringLiteral("argument %1 of %2").arg(i + 1).arg(n.text)))
        return -1;
      o.args.push_back(arg);
    }
    if (b.code == OpCode::CrossAbove || b.code == OpCode::CrossBelow) o.type = ValueType::Boolean;
    if (shifted && o.period == 0) return o.args[0];  // lag(x, 0) is x
    return foldVariadic(std::move(o));
  }

  // min(a, b, c) as min(min(a, b), c): every op has a fixed arity.
  int foldVariadic(Op o) {
    if ((o.code != OpCode::Min && o.code != OpCode::Max) || o.args.size() == 2) return intern(std::move(o));
    int acc = o.args[0];
    for (std::size_t i = 1; i < o.args.size(); ++i) {
      Op pair;
      pair.code = o.code;
      pair.args = {acc, o.args[i]};
      acc = intern(std::move(pair));
    }
    return acc;
  }

  const LoadedPlugin* findPlugin(const QString& name) const {
    if (!registry_) return nullptr;
    const QString id = name.section(u'.', 0, 0);
    const LoadedPlugin* p = registry_->find(id);
    return p && p->info.kind == u"indicator" && p->info.id != u"expression" ? p : nullptr;
  }

  int pluginCall(const SyntaxNode& n, const LoadedPlugin& plugin, int depth);
  int planPluginCall(const SyntaxNode& n, const LoadedPlugin& plugin, int spec, Params params,
                     const std::vector<int>& inputArgs);

  const SyntaxTree& tree_;
  const QStringList* columns_;  // null: every name is a column (checking without a pipeline)
  const PluginRegistry* registry_;
  FormulaError* error_;
  Program program_;
  QHash<QString, int> seen_;
};

// A plugin parameter written in a formula: a number, -number, "text", true or false.
std::optional<QVariant> literal(const SyntaxTree& tree, const SyntaxNode& a) {
  if (a.kind == SyntaxNode::Kind::Number) {
    if (a.number == std::floor(a.number) && std::abs(a.number) < 2e9) return QVariant(static_cast<int>(a.number));
    return QVariant(a.number);
  }
  if (a.kind == SyntaxNode::Kind::Unary && a.text == u"-" && tree.at(a.args[0]).kind == SyntaxNode::Kind::Number) {
    std::optional<QVariant> v = literal(tree, tree.at(a.args[0]));
    return v->typeId() == QMetaType::Int ? QVariant(-v->toInt()) : QVariant(-v->toDouble());
  }
  if (a.kind == SyntaxNode::Kind::Text) return QVariant(a.text);
  if (a.kind == SyntaxNode::Kind::Name && (a.text == u"true" || a.text == u"false")) return QVariant(a.text == u"true");
  return std::nullopt;
}

QString pluginSignature(const PluginInfo& info, const QString& function) {
  QStringList parts = info.inputs;
  for (const ParamSpec& p : info.params) parts << QStringLiteral("%1 = %2").arg(p.name, paramValueText(p.defaultValue));
  return QStringLiteral("%1(%2)").arg(function, parts.join(QStringLiteral(", ")));
}

// Which of the plugin's outputs `function` names: "bollinger.bb_upper", or the plugin id alone
// for its first output. kByPlannedName: a name its plan gives ("stddev.var", from "{form}").
constexpr int kByPlannedName = -2;
int outputOf(const PluginInfo& info, const QString& function) {
  const QString wanted = function.section(u'.', 1);
  if (wanted.isEmpty()) return 0;
  for (std::size_t k = 0; k < info.outputs.size(); ++k)
    if (info.outputs[k].name == wanted) return static_cast<int>(k);
  for (const OutputSpec& o : info.outputs)
    if (o.name.contains(u'{')) return kByPlannedName;
  return -1;
}

int Compiler::pluginCall(const SyntaxNode& n, const LoadedPlugin& plugin, int depth) {
  const PluginInfo& info = plugin.info;
  const int spec = outputOf(info, n.text);
  if (spec == -1) {
    QStringList names;
    for (const OutputSpec& o : info.outputs) names << info.id + u'.' + o.name;
    return fail(n, QStringLiteral("%1 has no output '%2' (its outputs: %3)")
                       .arg(info.id, n.text.section(u'.', 1), names.join(QStringLiteral(", "))));
  }
  const auto inputs = static_cast<std::size_t>(info.inputs.size());
  if (n.args.size() < inputs || n.args.size() > inputs + info.params.size())
    return fail(n, QStringLiteral("%1 takes its input%2 then up to %3 parameter%4: %5")
                       .arg(n.text, inputs == 1 ? QString() : QStringLiteral("s"))
                       .arg(info.params.size())
                       .arg(info.params.size() == 1 ? QString() : QStringLiteral("s"), pluginSignature(info, n.text)));
  std::vector<int> inputArgs;
  for (std::size_t i = 0; i < inputs; ++i) {
    const int arg = node(n.args[i], depth + 1);
    if (arg < 0) return -1;
    if (!expect(tree_.at(n.args[i]), arg, ValueType::Number, QStringLiteral("%1's %2").arg(n.text, info.inputs[static_cast<qsizetype>(i)])))
      return -1;
    inputArgs.push_back(arg);
  }
  QVariantMap given;
  for (std::size_t i = inputs; i < n.args.size(); ++i) {
    const ParamSpec& param = info.params[i - inputs];
    const std::optional<QVariant> value = literal(tree_, tree_.at(n.args[i]));
    if (!value)
      return fail(tree_.at(n.args[i]), QStringLiteral("%1's parameter %2 is written as a number or \"text\": %3")
                                           .arg(n.text, param.name, pluginSignature(info, n.text)));
    given.insert(param.name, *value);
  }
  QStringList errors;
  const QVariantMap resolved = info.resolveParams(given, &errors);
  if (!errors.isEmpty()) return fail(n, errors.join(QStringLiteral("; ")));
  return planPluginCall(n, plugin, spec, Params(resolved), inputArgs);
}

int Compiler::planPluginCall(const SyntaxNode& n, const LoadedPlugin& plugin, int spec, Params params,
                             const std::vector<int>& inputArgs) {
  const PluginInfo& info = plugin.info;
  QString planError;
  std::vector<Task> tasks;
  try {  // plugin code: a throw is this formula's error
    tasks = plugin.instance->plan(params, info.inputs, &planError);
  } catch (const std::exception& e) {
    planError = QString::fromUtf8(e.what());
  }
  if (!planError.isEmpty()) return fail(n, QStringLiteral("%1: %2").arg(info.id, planError));
  const QString wanted = n.text.section(u'.', 1);
  for (Task& task : tasks) {
    const qsizetype k = spec == kByPlannedName ? task.outputs.indexOf(wanted) : task.outputSpecs.indexOf(spec);
    if (k < 0) continue;
    const auto specIndex = static_cast<std::size_t>(task.outputSpecs[k]);
    Op o;
    o.code = OpCode::Plugin;
    for (const QString& input : task.inputs) {
      const qsizetype at = info.inputs.indexOf(input);
      if (at < 0) return fail(n, QStringLiteral("%1 reads '%2', which is not one of its inputs").arg(info.id, input));
      o.args.push_back(inputArgs[static_cast<std::size_t>(at)]);
    }
    QVariantMap values = params.values();
    for (auto it = task.bindings.cbegin(); it != task.bindings.cend(); ++it) values.insert(it.key(), it.value());
    QString lookbackError;
    const std::optional<int> lookback = evaluateLookback(info.outputs[specIndex].lookback, values, &lookbackError);
    if (!lookback) return fail(n, QStringLiteral("%1: its lookback does not evaluate: %2").arg(info.id, lookbackError));
    o.lookback = std::max(0, *lookback);
    o.call = PluginCall{&plugin, std::move(params), std::move(task), static_cast<int>(k)};
    return intern(std::move(o));
  }
  return fail(n, QStringLiteral("%1 planned no task computing %2")
                     .arg(info.id, spec == kByPlannedName ? wanted : info.outputs[static_cast<std::size_t>(spec)].name));
}

}  // namespace

std::optional<Program> compile(const QString& text, const QStringList* columns, const PluginRegistry* registry,
                               FormulaError* error) {
  const std::optional<SyntaxTree> tree = parse(text, error);
  if (!tree) return std::nullopt;
  return Compiler(*tree, columns, registry, error).run();
}

QString builtinSignature(const QString& function) {
  const auto it = builtins().constFind(function);
  return it == builtins().constEnd() ? QString() : QString::fromLatin1(it->signature);
}

}  // namespace strata::formula

namespace strata {

std::vector<FormulaFunction> formulaFunctions(const PluginRegistry* registry) {
  std::vector<FormulaFunction> found;
  for (auto it = formula::builtins().cbegin(); it != formula::builtins().cend(); ++it)
    found.push_back({it.key(), QString::fromLatin1(it->signature), QString::fromLatin1(it->help)});
  if (registry)
    for (const LoadedPlugin& p : registry->plugins()) {
      if (p.info.kind != u"indicator") continue;
      const QString help = p.info.name + QStringLiteral(": ") + p.info.description;
      found.push_back({p.info.id, formula::pluginSignature(p.info, p.info.id), help});
      if (p.info.outputs.size() < 2) continue;
      for (const OutputSpec& o : p.info.outputs) {
        if (o.name.contains(u'{')) continue;
        const QString name = p.info.id + u'.' + o.name;
        found.push_back({name, formula::pluginSignature(p.info, name), help + QStringLiteral(" Output: ") + o.help});
      }
    }
  std::sort(found.begin(), found.end(), [](const FormulaFunction& a, const FormulaFunction& b) { return a.name < b.name; });
  return found;
}

QStringList formulaFunctionNames(const PluginRegistry* registry) {
  QStringList names;
  for (const FormulaFunction& f : formulaFunctions(registry)) names << f.name;
  return names;
}

bool checkFormula(const QString& text, const PluginRegistry* registry, FormulaError* error) {
  return formula::compile(text, nullptr, registry, error).has_value();
}

bool checkFormula(const QString& text, const QStringList& columns, const PluginRegistry* registry,
                  FormulaError* error) {
  return formula::compile(text, &columns, registry, error).has_value();
}

QString FormulaError::excerpt(const QString& formula) const {
  // At most ~70 characters around the error, so that a long formula's caret stays readable.
  constexpr int kWidth = 70;
  const int from = std::max(0, std::min(begin - kWidth / 2, static_cast<int>(formula.size()) - kWidth));
  const QString shown = formula.mid(from, kWidth);
  const QString lead = from > 0 ? QStringLiteral("...") : QString();
  const QString tail = from + kWidth < formula.size() ? QStringLiteral("...") : QString();
  const int caretAt = static_cast<int>(lead.size()) + begin - from;
  const int width = std::max(1, std::min(end, from + kWidth) - begin);
  return QStringLiteral("  %1%2%3\n  %4%5").arg(lead, shown, tail, QString(caretAt, u' '), QString(width, u'^'));
}

}  // namespace strata
