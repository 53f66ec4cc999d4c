#pragma once
// Inside the plugin checker: the inputs handed to a plugin, the parameter sets derived from its
// schema, and plan/compute runs on buffers owned here, pre-filled with a sentinel so a row the
// plugin never writes shows.
#include "strata/plugin_check.h"
#include "strata/plugin_registry.h"
#include "strata/sdk/plugin_api.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <cstddef>
#include <optional>
#include <vector>

namespace strata::plugin_check {

inline constexpr std::size_t kRows = 300;

/// Named input columns of equal length, the way the pipeline hands columns to a plugin.
struct Frame {
  QString label;  // "clean bars", "non-finite bars", "all-NaN bars"
  QStringList names;
  std::vector<std::vector<double>> columns;
  std::size_t rows = 0;
};

enum class FrameKind { Clean, NonFinite, AllNaN };

/// Indicators get every bar column; transforms get close, open and volume (the non-finite
/// frame's close has NaN runs and infinities, its volume zeros and +inf).
Frame makeFrame(const PluginInfo& info, FrameKind kind, std::uint64_t seed,
                std::size_t rows = kRows);

/// Parameter values as the schema would pass them, before and after the plugin planned them.
struct ParameterSet {
  QString label;
  QVariantMap given;  // what the checker chose; the schema fills the rest
  Params params;
  std::vector<Task> tasks;
  QString refused;  // the schema's or plan's reason when it cannot run
  QString invalid;  // what is wrong with the planned tasks
  bool planThrew = false;
  bool runnable() const { return refused.isEmpty() && invalid.isEmpty() && !tasks.empty(); }
};

/// The defaults, then each parameter's corners (min, max, other choices, the flipped flag), then
/// a larger and a smaller combination: derived from the schema, so any plugin is covered.
std::vector<ParameterSet> parameterSets(const PluginInfo& info);

/// Values the schema must refuse for `spec`, each with a short description.
QList<QPair<QString, QVariant>> badValues(const ParamSpec& spec);

/// What compute wrote: [task][output][row], the sentinel where nothing was written.
using Outputs = std::vector<std::vector<std::vector<double>>>;

struct Computed {
  Outputs outputs;
  QString error;  // what compute threw (naming the task), or a task input the frame lacks
};

/// Plans on the frames' column names (twice: a plan must not change), containing whatever plan
/// throws, and checks the tasks' inputs, outputs and outputSpecs.
void planSet(const FeaturePlugin& plugin, const PluginInfo& info, const QStringList& columns,
             ParameterSet* set);

/// Computes every task of `set` on the first `rows` rows of `frame`, containing exceptions.
Computed computeSet(const FeaturePlugin& plugin, const ParameterSet& set, const Frame& frame,
                    std::size_t rows);

/// A cell of Outputs.
struct Location {
  std::size_t task = 0, output = 0, row = 0;
};
/// The first row still holding the sentinel.
std::optional<Location> firstUnwritten(const Outputs& outputs);
/// The first cell in rows [0, rows) where `part` and `whole` differ (sameResult).
std::optional<Location> firstDifference(const Outputs& part, const Outputs& whole,
                                        std::size_t rows);
/// The output's name: "rsi", "close_lag_3".
const QString& outputName(const ParameterSet& set, const Location& at);
/// A failure at `at`: the value of `expected` there against the value of `got`.
CheckFailure differenceFailure(const ParameterSet& set, const QString& input, const Location& at,
                               const Outputs& expected, const Outputs& got, const QString& message);

bool isSentinel(double value);
/// "1 parameter set", "7 parameter sets".
QString counted(std::size_t count, const QString& noun);
/// A value for a report: 17 significant digits, "nan", "inf", or "nothing written".
QString valueText(double value);

/// Shared by the checks: the plugin, its parameter sets and inputs, the options.
struct Context {
  const LoadedPlugin& plugin;
  const PluginCheckOptions& options;
  QStringList columns;  // the frames' column names
  std::vector<ParameterSet> sets;
  Frame clean, nonFinite;
  std::vector<const ParameterSet*> runnable() const;
};

/// A failure naming no output or row: what compute threw, a plan that cannot run.
CheckFailure failureOf(const QString& parameters, const QString& input, const QString& message);
/// Adds a failure unless the check already holds kMaxFailures (then counts it in a note).
void addFailure(CheckResult* result, CheckFailure failure);
/// When no parameter set could be planned there is nothing to compute: a failure of its own.
bool requireRunnable(const Context& context, CheckResult* result);

CheckResult checkPlan(const Context& context);
CheckResult checkLookback(const Context& context);
CheckResult checkTruncation(const Context& context);
CheckResult checkParameters(const Context& context);
CheckResult checkNonFinite(const Context& context);
CheckResult checkShortInputs(const Context& context);
CheckResult checkThreads(const Context& context);

}  // namespace strata::plugin_check
