#include "strata/pipeline.h"

#include "formula/formula_diagnostic.h"
#include "strata/formula.h"

#include "normalizer.h"
#include "task_threads.h"
#include "strata/sdk/kernels.h"
#include "strata/plugin_registry.h"
#include "strata/time_format.h"

#include <QHash>
#include <QRegularExpression>
#include <QThreadPool>

#include <cmath>
#include <algorithm>
#include <exception>
#include <limits>
#include <mutex>

namespace strata {

struct Pipeline::PlannedStep {
  int stepIndex = 0;  // into steps()
  std::vector<Task> tasks;
  std::vector<std::vector<Eigen::Index>> inputColumns, outputColumns;
};

namespace {

QString stepLabel(const ResolvedStep& step, int index) {
  return QStringLiteral("step %1 (%2, plugin '%3')")
      .arg(index + 1)
      .arg(stageName(step.config.stage), step.config.plugin);
}

int stageOrder(Stage s) { return static_cast<int>(s); }

// Every planned column costs its name and index before a row is read; a few steps applied to
// all columns with long period lists multiply into tens of millions (fuzzing found one that
// grew without bound). Far above any real pipeline (the default plans 678).
constexpr qint64 kMaxPlannedColumns = 250'000;

// At most how many columns a step can add, from its metadata before its plan() runs: each
// output once per source column it is applied to and per element of each list parameter.
// Saturates just above the limit.
qint64 plannedColumnsBound(const ResolvedStep& step, qsizetype sources) {
  const PluginInfo& info = step.plugin->info;
  const bool perSource = step.config.stage == Stage::Transformations && info.usesApplyTo;
  qint64 bound = std::max<qint64>(1, static_cast<qint64>(info.outputs.size()));
  if (perSource) bound *= std::max<qint64>(1, sources);
  for (const ParamSpec& param : info.params) {
    if (param.type != ParamType::IntList && param.type != ParamType::StringList &&
        param.type != ParamType::Pairs)
      continue;
    bound *= std::max<qint64>(1, step.params.values().value(param.name).toList().size());
    if (bound > kMaxPlannedColumns) return kMaxPlannedColumns + 1;
  }
  return std::min(bound, kMaxPlannedColumns + 1);
}

QString tooManyColumns(const QString& label, qint64 columns) {
  return QStringLiteral("%1: the pipeline would plan %2%3 columns, more than the limit of %4; apply "
                        "the step to fewer columns (apply_to) or give it shorter lists")
      .arg(label, columns > kMaxPlannedColumns ? QStringLiteral("over ") : QString())
      .arg(std::min(columns, kMaxPlannedColumns))
      .arg(kMaxPlannedColumns);
}

bool isCancelled(const RunOptions& options) {
  return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

}  // namespace

QStringList columnsBeforeStep(const PipelineConfig& config, const PluginRegistry& registry, std::size_t step) {
  PipelineConfig before = config;
  before.steps.clear();
  const Stage stage = config.steps.at(step).stage;
  for (std::size_t j = 0; j < config.steps.size(); ++j) {
    const StepConfig& s = config.steps[j];
    if (s.enabled && (stageOrder(s.stage) < stageOrder(stage) || (s.stage == stage && j < step)))
      before.steps.push_back(s);
  }
  const std::optional<Pipeline> pipeline = Pipeline::build(before, registry, nullptr);
  return pipeline ? pipeline->plannedColumns() : kBarColumns;
}

std::optional<Pipeline> Pipeline::build(const PipelineConfig& config,
                                        const PluginRegistry& registry,
                                        std::vector<Diagnostic>* errors) {
  std::vector<Diagnostic> found = config.validate(registry);
  Pipeline pipeline;
  pipeline.config_ = config;
  if (found.empty()) {
    // Stages run in their fixed order; steps keep the user's order within a stage.
    std::vector<const StepConfig*> ordered;
    for (const StepConfig& s : config.steps)
      if (s.enabled) ordered.push_back(&s);
    std::stable_sort(ordered.begin(), ordered.end(), [](const StepConfig* a, const StepConfig* b) {
      return stageOrder(a->stage) < stageOrder(b->stage);
    });
    for (const StepConfig* s : ordered) {
      const LoadedPlugin* plugin = registry.find(s->plugin);
      QStringList problems;
      QVariantMap params = plugin->info.resolveParams(s->params, &problems);
      for (const QString& p : problems)
        found.push_back({s->where, QStringLiteral("%1.params").arg(s->plugin), p});
      pipeline.steps_.push_back({*s, plugin, Params(std::move(params)), static_cast<std::size_t>(s - config.steps.data())});
    }
  }
  if (found.empty()) {
    PlanFailure failure;
    auto planned = std::make_shared<std::vector<PlannedStep>>(pipeline.plan(&failure));
    if (!failure.message.isEmpty()) found.push_back(pipeline.located(failure, registry));
    pipeline.planned_ = std::move(planned);
  }
  if (!found.empty()) {
    if (errors) errors->insert(errors->end(), found.begin(), found.end());
    return std::nullopt;
  }
  return pipeline;
}

// At the failing step's line: for a formula, at the offending token with its caret (the columns
// it may read are known only now).
Diagnostic Pipeline::located(const PlanFailure& failure, const PluginRegistry& registry) const {
  if (failure.step < 0) return {{config_.sourceFile, 0, 0}, QStringLiteral("pipeline"), failure.message};
  const ResolvedStep& resolved = steps_[static_cast<std::size_t>(failure.step)];
  const StepConfig& step = resolved.config;
  const auto ordinal = std::count_if(config_.steps.begin(), config_.steps.begin() + static_cast<std::ptrdiff_t>(resolved.configIndex),
                                     [&](const StepConfig& s) { return s.stage == step.stage; });  // as the config reader counts
  const QString path = QStringLiteral("%1[%2]").arg(stageName(step.stage)).arg(ordinal);
  const auto formula = step.keyLocations.constFind(QStringLiteral("params.formula"));
  FormulaError error;
  const QString text = step.params.value(QStringLiteral("formula")).toString();
  if (formula == step.keyLocations.constEnd() || step.plugin != u"expression" ||
      checkFormula(text, failure.columns, &registry, &error))
    return {step.where, path, failure.message};
  return formula::formulaDiagnostic(*formula, path, text, error);
}

std::vector<Pipeline::PlannedStep> Pipeline::plan(PlanFailure* failure) const {
  std::vector<PlannedStep> planned;
  QStringList columns = kBarColumns;
  QHash<QString, Eigen::Index> index;
  for (int i = 0; i < columns.size(); ++i) index.insert(columns[i], i);
  Eigen::Index baseCount = columns.size();

  for (std::size_t s = 0; s < steps_.size(); ++s) {
    const ResolvedStep& step = steps_[s];
    const PluginInfo& info = step.plugin->info;
    const QString label = stepLabel(step, static_cast<int>(s));
    const bool transform = step.config.stage == Stage::Transformations;

    QStringList sources;
    if (!transform || !info.usesApplyTo || step.config.applyTo == ApplyTo::All) {
      sources = columns;
    } else if (step.config.applyTo == ApplyTo::Base) {
      sources = columns.mid(0, baseCount);
    } else {
      for (const QString& pattern : step.config.applyToPatterns) {
        const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::UnanchoredWildcardConversion));
        const QRegularExpression anchored(QRegularExpression::anchoredPattern(re.pattern()));
        int matched = 0;
        for (const QString& c : columns)
          if (anchored.match(c).hasMatch()) {
            ++matched;
            if (!sources.contains(c)) sources << c;
          }
        if (matched == 0) {
          *failure = PlanFailure{QStringLiteral("%1: apply_to '%2' matches no column").arg(label, pattern), static_cast<int>(s), columns};
          return {};
        }
      }
    }
    for (const QString& input : info.inputs)
      if (!index.contains(input)) {
        *failure = PlanFailure{QStringLiteral("%1: needs column '%2', which no earlier step produces")
                     .arg(label, input), static_cast<int>(s), columns};
        return {};
      }

    const qint64 columnsAfterStep = columns.size() + plannedColumnsBound(step, sources.size());
    if (columnsAfterStep > kMaxPlannedColumns) {
      *failure = PlanFailure{tooManyColumns(label, columnsAfterStep), static_cast<int>(s), columns};
      return {};
    }
    PlannedStep p;
    p.stepIndex = static_cast<int>(s);
    QString planError;
    try {  // plugin code: a throw fails this pipeline with the step named, never the process
      p.tasks = step.plugin->instance->plan(step.params, sources, &planError);
    } catch (const std::exception& e) {
      planError = QStringLiteral("plan threw: %1").arg(QString::fromUtf8(e.what()));
    } catch (...) {
      planError = QStringLiteral("plan threw a non-standard exception");
    }
    if (!planError.isEmpty()) {
      *failure = PlanFailure{QStringLiteral("%1: %2").arg(label, planError), static_cast<int>(s), columns};
      return {};
    }
    const Eigen::Index columnsBefore = columns.size();
    for (Task& task : p.tasks) {
      std::vector<Eigen::Index> in, out;
      for (const QString& name : task.inputs) {
        const auto it = index.constFind(name);
        if (it == index.constEnd() || *it >= columnsBefore) {
          *failure = PlanFailure{QStringLiteral("%1: reads unknown column '%2'").arg(label, name), static_cast<int>(s), columns};
          return {};
        }
        in.push_back(*it);
      }
      for (QString& name : task.outputs) {
        name += step.config.suffix;
        if (index.contains(name)) {
          *failure = PlanFailure{QStringLiteral("%1: column '%2' is already produced by an earlier step; give "
                                                "this step a suffix")
                                     .arg(label, name),
                                 static_cast<int>(s), columns};
          return {};
        }
        index.insert(name, columns.size());
        out.push_back(columns.size());
        columns << name;
      }
      p.inputColumns.push_back(std::move(in));
      p.outputColumns.push_back(std::move(out));
    }
    if (columns.size() > kMaxPlannedColumns) {  // a plugin that planned more than its metadata says
      *failure = PlanFailure{tooManyColumns(label, columns.size()), static_cast<int>(s), columns};
      return {};
    }
    if (!transform) baseCount = columns.size();
    planned.push_back(std::move(p));
  }
  return planned;
}

QStringList Pipeline::plannedColumns() const {
  QStringList columns = kBarColumns;
  for (const PlannedStep& p : *planned_)
    for (const Task& t : p.tasks) columns << t.outputs;
  return columns;
}

std::vector<ColumnOrigin> Pipeline::columnOrigins() const {
  std::vector<ColumnOrigin> origins;
  for (const PlannedStep& p : *planned_) {
    const int step = p.stepIndex;
    const ResolvedStep& resolved = steps_[static_cast<std::size_t>(step)];
    const QString& suffix = resolved.config.suffix;
    const std::vector<OutputSpec>& specs = resolved.plugin->info.outputs;
    for (std::size_t t = 0; t < p.tasks.size(); ++t) {
      const Task& task = p.tasks[t];
      for (qsizetype k = 0; k < task.outputs.size(); ++k) {
        ColumnOrigin origin{task.outputs[k], step, static_cast<int>(t), task.outputSpecs.value(k), task.inputs, {}};
        if (origin.outputSpec >= 0 && origin.outputSpec < static_cast<int>(specs.size()))
          origin.placeholders = specs[static_cast<std::size_t>(origin.outputSpec)].placeholderValues(
              origin.column.chopped(suffix.size()), task.bindings);
        origins.push_back(std::move(origin));
      }
    }
  }
  return origins;
}

FeatureSet Pipeline::computeRaw(const Bars& bars, const RunOptions& options) const {
  return compute(bars, options, false, Precision::Float64);
}

bool Pipeline::runGivesRaw() const {
  return config_.normalization.method == NormMethod::None && config_.precision == Precision::Float64;
}

FeaturesWithRaw Pipeline::runKeepingRaw(const Bars& bars, const RunOptions& options) const {
  FeaturesWithRaw out;
  if (runGivesRaw()) {
    out.features = computeRaw(bars, options);
    return out;
  }
  out.raw.emplace();
  out.features = compute(bars, options, config_.normalization.method == NormMethod::MinMax,
                         config_.precision, &*out.raw);
  return out;
}

FeatureSet Pipeline::run(const Bars& bars, const RunOptions& options) const {
  return compute(bars, options, config_.normalization.method == NormMethod::MinMax, config_.precision);
}

namespace {

// Double buffers for the float32 run's output columns that no later step reads: a task computes
// into one, finishes it there in double and rounds it into the float32 matrix. Buffers return
// here after each task, so a run allocates about one per worker thread, not one per task.
class ScratchBuffers {
 public:
  std::vector<double> take(std::size_t values) {
    std::vector<double> buffer;
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        buffer = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (buffer.size() < values) buffer = std::vector<double>(values);  // not resize: nothing to keep
    return buffer;
  }
  void give(std::vector<double> buffer) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(buffer));
  }

 private:
  std::mutex mutex_;
  std::vector<std::vector<double>> free_;
};

}  // namespace

// Each column is finished (counted, normalised, checked for constancy) by the worker that
// wrote it as soon as no later step reads it, while it is still warm in cache: the matrix is
// written once and never swept again.
//
// float32: kernels and the normaliser still compute in double. Columns a later step reads
// (OHLCV, indicators, microstructure: ~26 of 678 by default) live in a double working matrix
// until their last reader is done; every other column is computed into a reused double scratch
// buffer. Either way a column is finished in double exactly as in float64 and then rounded once
// into the float32 matrix, so a float32 run equals a float64 run rounded to float, bit for bit,
// and the peak memory stays near the float32 matrix.
//
// With `raw` (runKeepingRaw) every column is computed into a float64 raw matrix instead (no
// working matrix, no scratch) and finished from there out of place, which leaves the raw values
// as computeRaw() gives them.
FeatureSet Pipeline::compute(const Bars& bars, const RunOptions& options, bool normalize,
                             Precision precision, FeatureSet* raw) const {
  const std::vector<PlannedStep>& planned = *planned_;

  const Eigen::Index n = bars.size();
  const Eigen::VectorXd* barColumns[] = {&bars.open, &bars.high, &bars.low, &bars.close,
                                         &bars.volume};
  for (const Eigen::VectorXd* c : barColumns)
    if (c->size() != n) throw PipelineError("bars: columns differ in length");

  FeatureSet result;
  result.timestamps = bars.timestamps;
  result.columns = kBarColumns;
  for (const PlannedStep& p : planned)
    for (const Task& t : p.tasks) result.columns << t.outputs;
  const auto cols = static_cast<Eigen::Index>(result.columns.size());
  result.matrix = ColumnMatrix(n, cols, precision);
  const bool single = precision == Precision::Float32;
  const bool keepRaw = raw != nullptr;
  const bool viaScratch = (single || normalize) && !keepRaw;
  ColumnMatrix rawMatrix = keepRaw ? ColumnMatrix(n, cols) : ColumnMatrix();

  // Target first: it reads the raw close, which may be normalised before the last step ends.
  const TargetConfig& target = config_.target;
  if (target.enabled) {
    result.target.resize(n);
    std::vector<double> change(static_cast<std::size_t>(n));
    kernels::pctChange({bars.close.data(), static_cast<std::size_t>(n)}, target.horizon, change);
    const double missing = target.seedCompat ? 0.0 : std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index i = 0; i < n; ++i) {
      const Eigen::Index ahead = i + target.horizon;
      result.target[i] =
          ahead < n ? (change[static_cast<std::size_t>(ahead)] > 0 ? 1.0 : 0.0) : missing;
    }
  }

  // The last step that reads each column; -1 when none does.
  std::vector<int> lastReader(static_cast<std::size_t>(cols), -1);
  for (std::size_t s = 0; s < planned.size(); ++s)
    for (const auto& inputs : planned[s].inputColumns)
      for (Eigen::Index c : inputs) lastReader[static_cast<std::size_t>(c)] = static_cast<int>(s);
  auto isRead = [&lastReader](Eigen::Index j) { return lastReader[static_cast<std::size_t>(j)] >= 0; };

  // float32 only: the double working columns (-1: none), and the matrix holding them.
  std::vector<Eigen::Index> workingIndex(static_cast<std::size_t>(cols), -1);
  ColumnMatrix working;
  if (single && !keepRaw) {
    Eigen::Index count = 0;
    for (Eigen::Index j = 0; j < cols; ++j)
      if (isRead(j)) workingIndex[static_cast<std::size_t>(j)] = count++;
    working = ColumnMatrix(n, count);
  }
  // Where column j is computed when a later step reads it (float64: the output itself).
  auto doubleColumn = [&](Eigen::Index j) {
    if (keepRaw) return rawMatrix.column(j);
    return single ? working.column(workingIndex[static_cast<std::size_t>(j)]) : result.matrix.column(j);
  };
  ScratchBuffers scratch;

  const NormalizationConfig& norm = config_.normalization;
  const Eigen::Index fitRows =
      norm.fit == NormFit::TrainFraction
          ? static_cast<Eigen::Index>(std::floor(norm.trainFraction * static_cast<double>(n)))
          : n;
  std::vector<ColumnStats> stats(static_cast<std::size_t>(cols));
  if (normalize) {
    result.normalization.fitRows = fitRows;
    result.normalization.min.assign(static_cast<std::size_t>(cols), 0.0);
    result.normalization.max.assign(static_cast<std::size_t>(cols), 0.0);
  }
  // Finishes column j held in `values`: in place when that is the float64 output column itself;
  // from a scratch buffer (`scratched`) into the output column; in float32 always into the
  // output, rounded once.
  auto finishColumn = [&](Eigen::Index j, std::span<double> values, bool scratched) {
    const auto k = static_cast<std::size_t>(j);
    const NormalizationConfig* how = normalize ? &norm : nullptr;
    const QString& name = result.columns[j];
    FinishedColumn done =
        single                 ? strata::finishColumn(name, values, how, fitRows, result.matrix.column32(j))
        : scratched || keepRaw ? strata::finishColumn(name, values, how, fitRows, result.matrix.column(j))
                               : strata::finishColumn(name, values, how, fitRows);
    stats[k] = std::move(done.stats);
    if (!normalize) return;
    result.normalization.min[k] = done.min;
    result.normalization.max[k] = done.max;
  };

  QThreadPool localPool;
  QThreadPool* pool = QThreadPool::globalInstance();
  if (options.pool) {
    pool = options.pool;
  } else if (options.threads > 0) {
    localPool.setMaxThreadCount(options.threads);
    pool = &localPool;
  }
  // Columns that later steps read, once the last of them is done.
  auto finishAll = [&](const std::vector<Eigen::Index>& columns) {
    forEachIndex(static_cast<int>(columns.size()), pool, [&](int i) {
      const Eigen::Index j = columns[static_cast<std::size_t>(i)];
      finishColumn(j, doubleColumn(j), false);
    });
  };

  std::vector<Eigen::Index> ready;
  for (Eigen::Index j = 0; j < 5; ++j) {
    const std::span<const double> bar(barColumns[j]->data(), static_cast<std::size_t>(n));
    if (isRead(j) || !single || keepRaw) {
      std::copy(bar.begin(), bar.end(), doubleColumn(j).begin());
      if (!isRead(j)) ready.push_back(j);
    } else {
      std::vector<double> values = scratch.take(bar.size());
      std::copy(bar.begin(), bar.end(), values.begin());
      finishColumn(j, {values.data(), bar.size()}, true);
      scratch.give(std::move(values));
    }
  }
  finishAll(ready);

  int totalTasks = 0;
  for (const PlannedStep& p : planned) totalTasks += static_cast<int>(p.tasks.size());
  std::atomic_int done{0};
  std::mutex errorMutex;
  QString firstError;
  std::atomic_bool failed{false};

  for (std::size_t s = 0; s < planned.size(); ++s) {
    const PlannedStep& p = planned[s];
    const ResolvedStep& step = steps_[static_cast<std::size_t>(p.stepIndex)];
    forEachIndex(static_cast<int>(p.tasks.size()), pool, [&](int t) {
      if (isCancelled(options) || failed.load(std::memory_order_relaxed)) return;
      const auto ti = static_cast<std::size_t>(t);
      std::vector<ConstColumn> in;
      std::vector<Column> out;
      for (Eigen::Index c : p.inputColumns[ti]) in.push_back(doubleColumn(c));
      // The outputs no later step reads go to one scratch buffer, side by side (float32, and
      // float64 when normalising: the buffer stays in cache from task to task, and the matrix
      // is written once, by the normaliser, instead of written, read back and rewritten).
      const std::vector<Eigen::Index>& outputs = p.outputColumns[ti];
      const auto rows = static_cast<std::size_t>(n);
      std::vector<double> buffer;
      if (viaScratch) {
        const auto unread = static_cast<std::size_t>(std::count_if(outputs.begin(), outputs.end(),
                                                                   [&](Eigen::Index c) { return !isRead(c); }));
        if (unread) buffer = scratch.take(unread * rows);
      }
      std::size_t slot = 0;
      for (Eigen::Index c : outputs)
        out.push_back(isRead(c) || !viaScratch ? doubleColumn(c) : Column(buffer.data() + rows * slot++, rows));
      QString problem;
      try {
        step.plugin->instance->compute(step.params, p.tasks[ti], in, out);
      } catch (const std::exception& e) {
        problem = QStringLiteral("%1 failed: %2")
                      .arg(stepLabel(step, p.stepIndex), QString::fromUtf8(e.what()));
      } catch (...) {
        problem = QStringLiteral("%1 failed with an unknown exception")
                      .arg(stepLabel(step, p.stepIndex));
      }
      if (!problem.isEmpty()) {
        std::lock_guard lock(errorMutex);
        if (firstError.isEmpty()) firstError = problem;
        failed.store(true);
        return;
      }
      for (std::size_t o = 0; o < outputs.size(); ++o)
        if (!isRead(outputs[o])) finishColumn(outputs[o], out[o], viaScratch);
      if (!buffer.empty()) scratch.give(std::move(buffer));
      const int now = done.fetch_add(1) + 1;
      if (options.progress) options.progress(now, totalTasks);
    });
    if (failed.load()) throw PipelineError(firstError.toStdString());
    if (isCancelled(options)) throw PipelineCancelled();
    ready.clear();
    for (Eigen::Index j = 0; j < cols; ++j)
      if (lastReader[static_cast<std::size_t>(j)] == static_cast<int>(s)) ready.push_back(j);
    finishAll(ready);
  }
  if (isCancelled(options)) throw PipelineCancelled();

  for (Eigen::Index j = 0; j < 5; ++j) {
    const ColumnStats& st = stats[static_cast<std::size_t>(j)];
    if (st.nanCount + st.posInfCount + st.negInfCount == 0) continue;
    const auto col = std::span<const double>(barColumns[j]->data(), static_cast<std::size_t>(n));
    const auto row = std::find_if(col.begin(), col.end(), [](double v) { return !std::isfinite(v); }) -
                     col.begin();
    result.report.warnings << QStringLiteral(
                                  "bars: '%1' has %2 NaN and %3 infinite values (first at row %4, "
                                  "%5); features that read it are NaN there or carry the last value")
                                  .arg(kBarColumns[j])
                                  .arg(st.nanCount)
                                  .arg(st.posInfCount + st.negInfCount)
                                  .arg(row)
                                  .arg(isoUtc(bars.timestamps[static_cast<std::size_t>(row)]));
  }
  if (keepRaw) {
    // computeRaw()'s set: its report counts the same values, and judges no column constant.
    raw->timestamps = result.timestamps;
    raw->columns = result.columns;
    raw->matrix = std::move(rawMatrix);
    raw->target = result.target;
    raw->report.warnings = result.report.warnings;
    for (ColumnStats st : stats)
      if (st.nanCount || st.posInfCount || st.negInfCount) {
        st.constant = false;
        raw->report.columns.push_back(std::move(st));
      }
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto k = static_cast<std::size_t>(j);
    if (stats[k].nanCount || stats[k].posInfCount || stats[k].negInfCount || stats[k].constant)
      result.report.columns.push_back(std::move(stats[k]));
  }
  if (normalize && norm.fit == NormFit::All)
    result.report.warnings << QStringLiteral(
        "normalization: min-max fitted on all rows, so every row is scaled with the future's min "
        "and max (look-ahead leakage); use fit: train_fraction or expanding for training data");
  return result;
}

QStringList ValidationReport::infColumns() const {
  QStringList out;
  for (const ColumnStats& s : columns)
    if (s.posInfCount || s.negInfCount) out << s.name;
  return out;
}

QStringList ValidationReport::constantColumns() const {
  QStringList out;
  for (const ColumnStats& s : columns)
    if (s.constant) out << s.name;
  return out;
}

QString ValidationReport::toText() const {
  QString text;
  for (const QString& w : warnings) text += QStringLiteral("warning: %1\n").arg(w);
  const QStringList inf = infColumns();
  if (!inf.isEmpty())
    text += QStringLiteral("columns holding +-inf before normalisation (%1): %2\n")
                .arg(inf.size())
                .arg(inf.join(QStringLiteral(", ")));
  const QStringList constant = constantColumns();
  if (!constant.isEmpty())
    text += QStringLiteral("constant columns after normalisation (%1): %2\n")
                .arg(constant.size())
                .arg(constant.join(QStringLiteral(", ")));
  qint64 nanColumns = 0;
  for (const ColumnStats& s : columns)
    if (s.nanCount) ++nanColumns;
  text += QStringLiteral("columns with NaN before normalisation: %1\n").arg(nanColumns);
  return text;
}

}  // namespace strata
