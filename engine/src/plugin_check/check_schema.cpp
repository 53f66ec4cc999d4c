// The checks that compute nothing: every parameter set plans into valid tasks, and the schema
// refuses bad values before the plugin could see them.
#include "check_support.h"

#include <algorithm>

namespace strata::plugin_check {
namespace {

QString valueLabel(const QString& name, const QVariant& value) {
  return name + QLatin1Char('=') +
         (value.isNull() ? QStringLiteral("null") : paramValueText(value));
}

// One bad value: refused, with an error naming the parameter ("rsi.window: ...").
bool refusedNamingIt(const PluginInfo& info, const QString& name, const QVariant& value) {
  QStringList errors;
  info.resolveParams({{name, value}}, &errors);
  const QString prefix = QStringLiteral("%1.%2:").arg(info.id, name);
  return std::any_of(errors.cbegin(), errors.cend(),
                     [&](const QString& e) { return e.startsWith(prefix); });
}

}  // namespace

CheckResult checkPlan(const Context& context) {
  CheckResult result{QStringLiteral("plan"), {}, {}, {}};
  int planned = 0;
  for (const ParameterSet& set : context.sets) {
    if (set.runnable()) {
      ++planned;
    } else if (set.planThrew || !set.invalid.isEmpty() || &set == &context.sets.front()) {
      // The defaults must run; a throwing plan or malformed tasks are wrong whatever the values.
      addFailure(&result,
                 failureOf(set.label, {}, set.invalid.isEmpty() ? set.refused : set.invalid));
    } else {
      result.notes << QStringLiteral("%1: not run, %2").arg(set.label, set.refused);
    }
  }
  result.summary = QStringLiteral("%1 of %2 planned on columns %3")
                       .arg(planned)
                       .arg(counted(context.sets.size(), QStringLiteral("parameter set")))
                       .arg(context.columns.join(QStringLiteral(", ")));
  return result;
}

CheckResult checkParameters(const Context& context) {
  CheckResult result{QStringLiteral("parameters"), {}, {}, {}};
  const PluginInfo& info = context.plugin.info;
  int refused = 0;
  for (const ParamSpec& p : info.params)
    for (const auto& [what, value] : badValues(p)) {
      if (refusedNamingIt(info, p.name, value)) {
        ++refused;
        continue;
      }
      addFailure(&result, {QStringLiteral("%1 (%2)").arg(valueLabel(p.name, value), what),
                           {},
                           {},
                           -1,
                           QStringLiteral("refused by the schema"),
                           QStringLiteral("accepted"),
                           QStringLiteral("a bad value reaches the plugin")});
    }
  static const QString unknown = QStringLiteral("no_such_parameter");
  QStringList errors;
  info.resolveParams({{unknown, 1}}, &errors);
  if (errors.join(QLatin1Char('\n'))
          .contains(QStringLiteral("unknown parameter '%1'").arg(unknown)))
    ++refused;
  else
    addFailure(&result, {valueLabel(unknown, 1),
                         {},
                         {},
                         -1,
                         QStringLiteral("refused as unknown"),
                         QStringLiteral("accepted"),
                         QStringLiteral("an unknown parameter name reaches the plugin")});
  // Corners come from the schema's own bounds and choices: the schema must take them.
  for (const ParameterSet& set : context.sets)
    if (set.refused.startsWith(QStringLiteral("the schema")))
      addFailure(&result, {set.label,
                           {},
                           {},
                           -1,
                           QStringLiteral("accepted"),
                           QStringLiteral("refused"),
                           QStringLiteral("a value inside the schema's own bounds is refused: ") +
                               set.refused});
  result.summary =
      QStringLiteral("%1 refused by the schema (out of range, wrong type, unknown name)")
          .arg(counted(static_cast<std::size_t>(refused), QStringLiteral("bad value")));
  return result;
}

}  // namespace strata::plugin_check
