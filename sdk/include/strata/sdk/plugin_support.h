#pragma once
// Task helpers for plugins (header-only, compiled into each plugin): the common shapes of
// FeaturePlugin::plan.
#include "strata/sdk/kernels.h"
#include "strata/sdk/plugin_api.h"
#include "strata/sdk/smoothing.h"

#include <QSet>
#include <QStringList>

#include <vector>

namespace strata::plugin_support {

/// One task reading `inputs` and writing `outputs`, output k instantiating metadata output k.
inline Task wholeTask(const QStringList& inputs, const QStringList& outputs) {
  Task task;
  task.inputs = inputs;
  task.outputs = outputs;
  for (int k = 0; k < outputs.size(); ++k) task.outputSpecs << k;
  return task;
}

/// One task reading `inputs` whose one output is named after the text choice `choice` (e.g.
/// "form": "var" or "stddev") and binds it, so the metadata's output and lookback can use it.
inline Task choiceTask(const Params& params, const QString& choice, const QStringList& inputs) {
  const QString value = params.text(choice);
  Task task = wholeTask(inputs, {value});
  task.bindings = {{choice, value}};
  return task;
}

/// One task per (column, value): `name` gets "{column}" and "{<binding>}" replaced, and the
/// task binds both, so the metadata lookback (e.g. "period") can be evaluated per task.
inline std::vector<Task> perColumnTasks(const QStringList& columns, const QList<int>& values,
                                        const QString& binding, const QString& name) {
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(columns.size() * values.size()));
  const QString placeholder = QLatin1Char('{') + binding + QLatin1Char('}');
  // Shared (implicitly) by every task, not built per task: planning can reach 250,000 tasks.
  const QList<int> firstSpec{0};
  for (const QString& column : columns) {
    const QStringList input{column};
    const QString columnName = QString(name).replace(QStringLiteral("{column}"), column);
    const QVariantMap columnBinding{{QStringLiteral("column"), column}};
    for (int value : values) {
      Task task;
      task.inputs = input;
      task.outputs = QStringList{QString(columnName).replace(placeholder, QString::number(value))};
      task.outputSpecs = firstSpec;
      task.bindings = columnBinding;
      task.bindings.insert(binding, value);
      tasks.push_back(std::move(task));
    }
  }
  return tasks;
}

/// One task per column pair [first, second] (a "pairs" parameter), reading both and writing
/// "{first}_{second}_<suffix>", binding "first" and "second". A pair naming a column that does
/// not exist at this point is refused (empty result, the reason in `error`).
inline std::vector<Task> pairTasks(const QList<QStringList>& pairs, const QStringList& sources,
                                   const QString& suffix, QString* error) {
  std::vector<Task> tasks;
  // A set, not a list search: pairs x columns can reach 10,000 x 250,000 comparisons.
  const QSet<QString> known(sources.begin(), sources.end());
  for (const QStringList& pair : pairs) {
    for (const QString& column : pair)
      if (!known.contains(column)) {
        *error = QStringLiteral("pair [%1, %2]: no column '%3' exists at this point")
                     .arg(pair[0], pair[1], column);
        return {};
      }
    Task task = wholeTask(pair, {QStringLiteral("%1_%2_%3").arg(pair[0], pair[1], suffix)});
    task.bindings = {{QStringLiteral("first"), pair[0]}, {QStringLiteral("second"), pair[1]}};
    tasks.push_back(std::move(task));
  }
  return tasks;
}

/// The "smoothing" choice ("sma", "wilder", "ema") as the kernels' enum; anything else is Sma
/// (the schema has already refused other texts).
inline kernels::Smoothing smoothingOf(const QString& name) {
  if (name == u"wilder") return kernels::Smoothing::Wilder;
  if (name == u"ema") return kernels::Smoothing::Ema;
  return kernels::Smoothing::Sma;
}

/// True when the integer parameters fast_period < slow_period (MACD, APO, PPO); else false with
/// the reason in `error`.
inline bool fastBelowSlow(const Params& params, QString* error) {
  const int fast = params.integer(QStringLiteral("fast_period")), slow = params.integer(QStringLiteral("slow_period"));
  if (fast < slow) return true;
  *error = QStringLiteral("fast_period (%1) must be smaller than slow_period (%2)").arg(fast).arg(slow);
  return false;
}

/// The "ma_type" choice ("sma", "ema") as the kernels' enum; anything else is Sma.
inline kernels::MovingAverage movingAverageOf(const QString& name) {
  return name == u"ema" ? kernels::MovingAverage::Ema : kernels::MovingAverage::Sma;
}

}  // namespace strata::plugin_support
