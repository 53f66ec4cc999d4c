#pragma once
// Runs a validated PipelineConfig over bars: indicators -> microstructure -> transformations ->
// target -> normalisation, into one column-major matrix allocated once. Target and
// normalisation are engine stages, not plugins: both look at the whole column (the target looks
// ahead by definition, min-max fits over many rows), which the plugin contract forbids.
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/diagnostic.h"
#include "strata/matrix.h"
#include "strata/pipeline_config.h"
#include "strata/sdk/plugin_api.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

class QThreadPool;

namespace strata {

class PluginRegistry;
struct LoadedPlugin;

class STRATA_ENGINE_EXPORT PipelineError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown by run()/computeRaw() when RunOptions::cancel was set; nothing partial is returned.
class STRATA_ENGINE_EXPORT PipelineCancelled : public PipelineError {
 public:
  PipelineCancelled() : PipelineError("cancelled") {}
};

struct STRATA_ENGINE_EXPORT ColumnStats {
  QString name;
  qint64 nanCount = 0;   // before normalisation
  qint64 posInfCount = 0;
  qint64 negInfCount = 0;
  bool constant = false;  // after normalisation: a single value in every row
};

struct STRATA_ENGINE_EXPORT ValidationReport {
  std::vector<ColumnStats> columns;   // only the columns with something to say
  QStringList warnings;               // leakage, inputs with NaN/inf (column and row), ...
  QStringList infColumns() const;
  QStringList constantColumns() const;
  QString toText() const;
};

struct STRATA_ENGINE_EXPORT NormalizationParams {
  std::vector<double> min, max;  // per column, as fitted (NaN when the column had no values)
  Eigen::Index fitRows = 0;      // rows [0, fitRows) were used; == rows for "all"
};

struct STRATA_ENGINE_EXPORT FeatureSet {
  std::vector<Timestamp> timestamps;
  QStringList columns;
  ColumnMatrix matrix;      // rows x columns, column-major; float64 or float32 (config precision)
  Eigen::VectorXd target;   // 1, 0, or NaN where unknown (the last `horizon` rows)
  NormalizationParams normalization;
  ValidationReport report;
};

struct STRATA_ENGINE_EXPORT RunOptions {
  int threads = 0;                    // 0: QThreadPool's ideal count
  /// Run on this pool instead (threads is then ignored): concurrent runs that share one pool
  /// share its threads rather than each starting its own (FeatureEngineer's timeframes).
  QThreadPool* pool = nullptr;
  const std::atomic_bool* cancel = nullptr;
  std::function<void(int done, int total)> progress;  // called from worker threads
};

/// run() and computeRaw() of the same bars from one computation (Pipeline::runKeepingRaw).
struct STRATA_ENGINE_EXPORT FeaturesWithRaw {
  FeatureSet features;            // what run() returns
  std::optional<FeatureSet> raw;  // what computeRaw() returns; nullopt: `features` are exactly that
};

/// Where one output column comes from: for the charts, which draw each output as the display
/// hint of its plugin's metadata output says.
struct STRATA_ENGINE_EXPORT ColumnOrigin {
  QString column;            // as in FeatureSet::columns
  int step = 0;              // index into Pipeline::steps()
  int task = 0;              // the task of that step that writes it
  int outputSpec = 0;        // index into the plugin's metadata outputs
  QStringList inputs;        // that task's input columns
  QVariantMap placeholders;  // values of the metadata output name's {placeholders}
};

/// A step with its plugin resolved and parameters defaulted and checked.
struct STRATA_ENGINE_EXPORT ResolvedStep {
  StepConfig config;
  const LoadedPlugin* plugin = nullptr;
  Params params;
  std::size_t configIndex = 0;  // its place in the config's steps (disabled ones included)
};

/// The columns step `step` of `config` may read: the bar columns and what the enabled steps that
/// run before it produce (earlier sections, then earlier steps of its own), for editors that
/// complete and check column names. The bar columns alone when those steps do not plan.
STRATA_ENGINE_EXPORT QStringList columnsBeforeStep(const PipelineConfig& config, const PluginRegistry& registry,
                                                   std::size_t step);

class STRATA_ENGINE_EXPORT Pipeline {
 public:
  /// Resolves and validates every step; returns nullopt with diagnostics on any error.
  static std::optional<Pipeline> build(const PipelineConfig& config, const PluginRegistry& registry,
                                       std::vector<Diagnostic>* errors);

  /// Computes the feature set. Throws PipelineError (naming the step and plugin) when a plugin
  /// fails or the run is cancelled; never returns a partly computed matrix.
  FeatureSet run(const Bars& bars, const RunOptions& options = {}) const;

  /// Feature columns before normalisation and target (for tests, the truncation check and the
  /// charts): always float64, whatever the config's precision.
  FeatureSet computeRaw(const Bars& bars, const RunOptions& options = {}) const;

  /// run() that also keeps computeRaw()'s values, both from ONE computation: every column is
  /// computed once into a float64 raw matrix and finished (normalised, rounded) out of place from
  /// it, so the result equals run() and the raw set equals computeRaw(), bit for bit. Costs the
  /// raw matrix beside the result: rows x columns x 8 bytes (as much again as a float64 result,
  /// twice a float32 one), plus the timestamps and target once more. Nothing extra when run()
  /// already gives the raw values (runGivesRaw()).
  FeaturesWithRaw runKeepingRaw(const Bars& bars, const RunOptions& options = {}) const;
  /// True when run() equals computeRaw() (no normalisation, float64).
  bool runGivesRaw() const;

  /// Names of the columns the pipeline will produce, in order, without computing anything.
  QStringList plannedColumns() const;
  /// The origin of every column after the bar columns, in column order.
  std::vector<ColumnOrigin> columnOrigins() const;

  const PipelineConfig& config() const { return config_; }
  const std::vector<ResolvedStep>& steps() const { return steps_; }

 private:
  struct PlannedStep;
  /// What stopped plan(): the message, the step (-1: none in particular), the columns then.
  struct PlanFailure {
    QString message;
    int step = -1;
    QStringList columns;
  };
  std::vector<PlannedStep> plan(PlanFailure* failure) const;
  Diagnostic located(const PlanFailure& failure, const PluginRegistry& registry) const;
  FeatureSet compute(const Bars& bars, const RunOptions& options, bool normalize,
                     Precision precision, FeatureSet* raw = nullptr) const;
  PipelineConfig config_;
  std::vector<ResolvedStep> steps_;
  // Planned once by build() (it is how build() refuses a pipeline); immutable, so copies share it.
  std::shared_ptr<const std::vector<PlannedStep>> planned_;
};

/// The bar columns every pipeline starts from, in this order.
inline const QStringList kBarColumns = {"open", "high", "low", "close", "volume"};

}  // namespace strata
