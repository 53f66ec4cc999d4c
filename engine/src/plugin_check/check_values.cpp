// The checks on computed values: declared lookback vs leading NaN rows, truncation invariance,
// non-finite inputs and 0-, 1- and 2-row inputs.
#include "check_support.h"

#include <cmath>
#include <random>

namespace strata::plugin_check {
namespace {

QString rowsText(std::size_t rows) {
  return rows == 0 ? QStringLiteral("0 rows") : QStringLiteral("rows 0..%1").arg(rows - 1);
}

CheckFailure unwrittenFailure(const ParameterSet& set, const QString& input, const Location& at) {
  return {set.label,
          input,
          outputName(set, at),
          static_cast<qint64>(at.row),
          QStringLiteral("a value (NaN where undefined)"),
          QStringLiteral("nothing written"),
          QStringLiteral("outputs must be fully written")};
}

// Compares one output of one task with its metadata lookback; adds a failure when they differ.
void compareLookback(const Context& context, const ParameterSet& set, std::size_t t, std::size_t k,
                     const std::vector<double>& column, CheckResult* result) {
  const Task& task = set.tasks[t];
  const QString& name = task.outputs[static_cast<qsizetype>(k)];
  const OutputSpec& spec =
      context.plugin.info
          .outputs[static_cast<std::size_t>(task.outputSpecs[static_cast<qsizetype>(k)])];
  QVariantMap values = set.params.values();
  for (auto it = task.bindings.cbegin(); it != task.bindings.cend(); ++it)
    values.insert(it.key(), it.value());
  QString error;
  const std::optional<int> lookback = evaluateLookback(spec.lookback, values, &error);
  if (!lookback) {
    addFailure(result,
               {set.label,
                context.clean.label,
                name,
                -1,
                {},
                {},
                QStringLiteral("the metadata lookback does not evaluate for this task: ") + error});
    return;
  }
  if (*lookback < 0) {
    addFailure(result,
               {set.label, context.clean.label, name, -1, QStringLiteral("0 or more"),
                QString::number(*lookback),
                QStringLiteral("the metadata lookback '%1' is negative here: the schema accepts a "
                               "value it should refuse")
                    .arg(spec.lookback)});
    return;
  }
  std::size_t leading = 0;
  while (leading < column.size() && std::isnan(column[leading])) ++leading;
  const std::size_t expected = std::min(static_cast<std::size_t>(*lookback), column.size());
  if (leading != expected)
    addFailure(result, {set.label, context.clean.label, name, -1,
                        QStringLiteral("%1 leading NaN rows").arg(expected),
                        QStringLiteral("%1").arg(leading),
                        QStringLiteral("leading NaN rows differ from the metadata lookback '%1'")
                            .arg(spec.lookback)});
}

std::vector<std::size_t> cutPoints(const PluginCheckOptions& options, std::size_t rows) {
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> cuts;
  for (int i = 0; i < options.cuts; ++i) cuts.push_back(static_cast<std::size_t>(rng() % rows));
  return cuts;
}

// Computes on rows 0..cut for every cut and compares with the whole frame; one failure (the
// first cut that differs, with how many did) per parameter set and frame.
void truncateFrame(const Context& context, const ParameterSet& set, const Frame& frame,
                   const std::vector<std::size_t>& cuts, CheckResult* result) {
  const FeaturePlugin& plugin = *context.plugin.instance;
  const Computed full = computeSet(plugin, set, frame, frame.rows);
  if (!full.error.isEmpty())
    return addFailure(result, failureOf(set.label, frame.label, full.error));
  std::optional<CheckFailure> first;
  int differing = 0;
  for (std::size_t cut : cuts) {
    const QString input = QStringLiteral("%1, %2").arg(frame.label, rowsText(cut + 1));
    const Computed head = computeSet(plugin, set, frame, cut + 1);
    if (!head.error.isEmpty()) return addFailure(result, failureOf(set.label, input, head.error));
    const std::optional<Location> at = firstDifference(head.outputs, full.outputs, cut + 1);
    if (!at) continue;
    ++differing;
    if (!first)
      first = differenceFailure(
          set, input, *at, full.outputs, head.outputs,
          QStringLiteral("computed on %1 it differs from the computation on all %2 rows: it "
                         "reads later rows (look-ahead)")
              .arg(rowsText(cut + 1))
              .arg(frame.rows));
  }
  if (!first) return;
  first->message += QStringLiteral("; %1 of %2 cuts differ").arg(differing).arg(cuts.size());
  addFailure(result, *first);
}

}  // namespace

CheckResult checkLookback(const Context& context) {
  CheckResult result{QStringLiteral("lookback"), {}, {}, {}};
  const auto sets = context.runnable();
  result.summary =
      QStringLiteral("%1 on %2, leading NaN rows of every output vs its metadata lookback")
          .arg(counted(sets.size(), QStringLiteral("parameter set")))
          .arg(context.clean.label);
  if (!requireRunnable(context, &result)) return result;
  for (const ParameterSet* set : sets) {
    const Computed c =
        computeSet(*context.plugin.instance, *set, context.clean, context.clean.rows);
    if (!c.error.isEmpty()) {
      addFailure(&result, failureOf(set->label, context.clean.label, c.error));
      continue;
    }
    if (const std::optional<Location> at = firstUnwritten(c.outputs)) {
      addFailure(&result, unwrittenFailure(*set, context.clean.label, *at));
      continue;
    }
    for (std::size_t t = 0; t < c.outputs.size(); ++t)
      for (std::size_t k = 0; k < c.outputs[t].size(); ++k)
        compareLookback(context, *set, t, k, c.outputs[t][k], &result);
  }
  return result;
}

CheckResult checkTruncation(const Context& context) {
  CheckResult result{QStringLiteral("truncation"), {}, {}, {}};
  const auto sets = context.runnable();
  result.summary = QStringLiteral(
                       "%1 x 2 inputs (%2, %3) x %4 random cuts (seed %5): rows 0..t computed "
                       "on rows 0..t alone equal the full computation")
                       .arg(counted(sets.size(), QStringLiteral("parameter set")))
                       .arg(context.clean.label, context.nonFinite.label)
                       .arg(context.options.cuts)
                       .arg(context.options.seed);
  if (!requireRunnable(context, &result)) return result;
  const std::vector<std::size_t> cuts = cutPoints(context.options, context.clean.rows);
  for (const ParameterSet* set : sets)
    for (const Frame* frame : {&context.clean, &context.nonFinite})
      truncateFrame(context, *set, *frame, cuts, &result);
  return result;
}

CheckResult checkNonFinite(const Context& context) {
  CheckResult result{QStringLiteral("non-finite"), {}, {}, {}};
  const auto sets = context.runnable();
  const Frame allNaN = makeFrame(context.plugin.info, FrameKind::AllNaN, context.options.seed);
  result.summary = QStringLiteral("%1 on %2 and %3: no exception, every row written")
                       .arg(counted(sets.size(), QStringLiteral("parameter set")))
                       .arg(context.nonFinite.label, allNaN.label);
  if (!requireRunnable(context, &result)) return result;
  for (const ParameterSet* set : sets)
    for (const Frame* frame : {&context.nonFinite, &allNaN}) {
      const Computed c = computeSet(*context.plugin.instance, *set, *frame, frame->rows);
      if (!c.error.isEmpty())
        addFailure(&result, failureOf(set->label, frame->label, c.error));
      else if (const std::optional<Location> at = firstUnwritten(c.outputs))
        addFailure(&result, unwrittenFailure(*set, frame->label, *at));
    }
  return result;
}

CheckResult checkShortInputs(const Context& context) {
  CheckResult result{QStringLiteral("short-inputs"), {}, {}, {}};
  const auto sets = context.runnable();
  result.summary = QStringLiteral(
                       "%1 x 2 inputs on 0, 1 and 2 rows: no exception, every row written, "
                       "equal to the same rows of the full computation")
                       .arg(counted(sets.size(), QStringLiteral("parameter set")));
  if (!requireRunnable(context, &result)) return result;
  const FeaturePlugin& plugin = *context.plugin.instance;
  for (const ParameterSet* set : sets)
    for (const Frame* frame : {&context.clean, &context.nonFinite}) {
      const Computed full = computeSet(plugin, *set, *frame, frame->rows);
      for (std::size_t rows : {0, 1, 2}) {
        const QString input = QStringLiteral("%1, %2-row input").arg(frame->label).arg(rows);
        const Computed c = computeSet(plugin, *set, *frame, rows);
        const QString error = c.error.isEmpty() ? full.error : c.error;
        if (!error.isEmpty()) {
          addFailure(&result, failureOf(set->label, input, error));
          break;
        }
        if (const std::optional<Location> at = firstUnwritten(c.outputs)) {
          addFailure(&result, unwrittenFailure(*set, input, *at));
        } else if (const std::optional<Location> differing =
                       firstDifference(c.outputs, full.outputs, rows)) {
          addFailure(
              &result,
              differenceFailure(*set, input, *differing, full.outputs, c.outputs,
                                QStringLiteral("differs from the same row computed on all %1 rows")
                                    .arg(frame->rows)));
        }
      }
    }
  return result;
}

}  // namespace strata::plugin_check
