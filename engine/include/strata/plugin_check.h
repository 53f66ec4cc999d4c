#pragma once
// The plugin contract as one checker, run by `strata-cli check-plugin` on any plugin library and
// by the test suite on every bundled plugin: metadata, plan, declared lookback vs leading NaN
// rows, truncation invariance (no look-ahead), bad parameters refused by the schema, NaN/inf
// inputs, 0-, 1- and 2-row inputs, determinism across threads. Whatever a plugin throws becomes
// a failure in the report, never an exception out of the checker.
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/plugin_info.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace strata {

struct LoadedPlugin;

struct STRATA_ENGINE_EXPORT PluginCheckOptions {
  std::uint64_t seed = 1;  // the bars and the cut points
  int cuts = 20;           // random truncation points per parameter set and input
  int threads = 4;         // computations running at once in the thread check
  QStringList only;        // names of the checks to run (pluginCheckNames()); empty: all
};

struct STRATA_ENGINE_EXPORT CheckFailure {
  QString parameters;  // the parameter set's label: "defaults", "window=1 (min)"
  QString input;       // "clean bars", "non-finite bars, rows 0..41", "thread 2, round 1"
  QString output;      // the output column at fault, if one is
  qint64 row = -1;     // the row at fault, if one is
  QString expected, got;
  QString message;  // what is wrong, in words
  QString toText() const;
};

struct STRATA_ENGINE_EXPORT CheckResult {
  QString name;
  QString summary;  // what was checked: "9 parameter sets x 2 inputs x 20 cuts"
  std::vector<CheckFailure> failures;
  QStringList notes;  // what was skipped and why (a parameter set the plugin's plan refused)
  bool passed() const { return failures.empty(); }
};

struct STRATA_ENGINE_EXPORT PluginCheckReport {
  PluginInfo info;
  std::vector<CheckResult> checks;
  bool passed() const;
  const CheckResult* check(const QString& name) const;
  QString toText() const;
  QJsonObject toJson() const;
};

/// The checks in the order they run: metadata, plan, lookback, truncation, parameters,
/// non-finite, short-inputs, threads.
STRATA_ENGINE_EXPORT const QStringList& pluginCheckNames();

/// Runs the checks on a plugin the registry loaded.
STRATA_ENGINE_EXPORT PluginCheckReport checkPlugin(const LoadedPlugin& plugin, const PluginCheckOptions& options = {});

/// Loads one library through PluginRegistry (its IID, apiVersion and metadata checks) and runs
/// the checks; nullopt with `refusal` set when it cannot be loaded or its metadata is refused.
STRATA_ENGINE_EXPORT std::optional<PluginCheckReport> checkPluginLibrary(const QString& path,
                                                    const PluginCheckOptions& options,
                                                    QString* refusal);

/// The checker's seeded bars: a random walk with every value defined and positive volumes;
/// with `nonFinite`, also NaN runs, zero volumes, a flat stretch, +inf and -inf. For tests that
/// drive a whole pipeline on the same inputs.
STRATA_ENGINE_EXPORT Bars pluginCheckBars(std::uint64_t seed, bool nonFinite, Eigen::Index rows = 300);

/// Bit for bit equal, any NaN equal to any NaN: the comparison every check uses.
STRATA_ENGINE_EXPORT bool sameResult(double a, double b);

}  // namespace strata
