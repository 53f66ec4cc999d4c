// The truncation check on a configured pipeline (strata/pipeline_check.h): the same question as
// the plugin contract's truncation check, asked of every step in place, with the columns it
// really reads (earlier steps' and formulas').
#include "strata/pipeline_check.h"

#include "strata/pipeline.h"

#include <QHash>

#include <algorithm>
#include <random>

namespace strata {
namespace {

QString stepLabel(const ResolvedStep& step, int index) {
  QString label = QStringLiteral("step %1: %2").arg(index + 1).arg(step.config.plugin);
  const QVariant name = step.config.params.value(QStringLiteral("name"));
  if (step.config.plugin == u"expression" && name.isValid()) label += QStringLiteral(" '%1'").arg(name.toString());
  if (step.config.where.line > 0) label += QStringLiteral(" (line %1)").arg(step.config.where.line);
  return label;
}

// Cut points in 1..rows-1 (a prefix of one bar up to all but one), seeded, sorted.
std::vector<Eigen::Index> cutPoints(const PipelineCheckOptions& options, Eigen::Index rows) {
  std::vector<Eigen::Index> cuts;
  if (rows < 2) return cuts;
  std::mt19937_64 rng(options.seed);
  for (int i = 0; i < options.cuts; ++i)
    cuts.push_back(1 + static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(rows - 1)));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

QString number(double v) { return QString::number(v, 'g', 17); }

// The first row of `prefix` that differs from the full run, per column; one failure per step
// (its first column that moved) and input. Both runs are of one pipeline: the same columns, in
// the same places (`at`, found once per input).
void compareCut(const FeatureSet& full, const FeatureSet& prefix, const std::vector<ColumnOrigin>& origins,
                const std::vector<Eigen::Index>& at, const QString& input, Eigen::Index cut,
                PipelineCheckReport* report) {
  for (std::size_t k = 0; k < origins.size(); ++k) {
    const ColumnOrigin& origin = origins[k];
    CheckResult& result = report->steps[static_cast<std::size_t>(origin.step)];
    if (!result.passed()) continue;
    const Eigen::Index c = at[k];
    for (Eigen::Index r = 0; r < cut; ++r) {
      if (sameResult(full.matrix(r, c), prefix.matrix(r, c))) continue;
      result.failures.push_back({{}, QStringLiteral("%1, first %2 bars").arg(input).arg(cut), origin.column, r,
                                 number(full.matrix(r, c)), number(prefix.matrix(r, c)),
                                 QStringLiteral("the value moves when later bars arrive (look-ahead): "
                                                "computed from the first %1 bars vs from all of them").arg(cut)});
      break;
    }
  }
}

void checkInput(const Pipeline& pipeline, const LabelledBars& input, const PipelineCheckOptions& options,
                const std::vector<ColumnOrigin>& origins, PipelineCheckReport* report) {
  const FeatureSet full = pipeline.computeRaw(input.bars);
  QHash<QString, Eigen::Index> index;
  for (qsizetype c = 0; c < full.columns.size(); ++c) index.insert(full.columns[c], c);
  std::vector<Eigen::Index> at;
  for (const ColumnOrigin& origin : origins) at.push_back(index.value(origin.column));
  for (const Eigen::Index cut : cutPoints(options, input.bars.size()))
    compareCut(full, pipeline.computeRaw(input.bars.head(cut)), origins, at, input.label, cut, report);
}

}  // namespace

bool PipelineCheckReport::passed() const {
  return error.isEmpty() && std::all_of(steps.cbegin(), steps.cend(), [](const CheckResult& c) { return c.passed(); });
}

QString PipelineCheckReport::toText() const {
  if (!error.isEmpty()) return QStringLiteral("result: the pipeline could not be checked: %1\n").arg(error);
  QString text;
  int failed = 0;
  for (const CheckResult& step : steps) {
    text += QStringLiteral("%1  %2  %3\n").arg(step.passed() ? QStringLiteral("PASS") : QStringLiteral("FAIL"), step.name, step.summary);
    for (const CheckFailure& f : step.failures) text += QStringLiteral("        ") + f.toText() + QLatin1Char('\n');
    failed += step.passed() ? 0 : 1;
  }
  if (failed == 0) return text + QStringLiteral("result: PASS, no step looks ahead (%1 steps)\n").arg(steps.size());
  return text + QStringLiteral("result: FAIL, %1 of %2 steps look ahead\n").arg(failed).arg(steps.size());
}

PipelineCheckReport checkPipelineTruncation(const Pipeline& pipeline, const PipelineCheckOptions& options,
                                            const std::vector<LabelledBars>& extra) {
  std::vector<LabelledBars> inputs{
      {QStringLiteral("clean bars (seed %1)").arg(options.seed), pluginCheckBars(options.seed, false, options.rows)},
      {QStringLiteral("bars with NaN and inf (seed %1)").arg(options.seed), pluginCheckBars(options.seed, true, options.rows)}};
  for (const LabelledBars& given : extra) {
    const Eigen::Index rows = std::min(given.bars.size(), options.rows);
    inputs.push_back({given.label, given.bars.slice(given.bars.size() - rows, given.bars.size())});
  }
  PipelineCheckReport report;
  const std::vector<ColumnOrigin> origins = pipeline.columnOrigins();
  for (std::size_t i = 0; i < pipeline.steps().size(); ++i) {
    qsizetype columns = 0;
    for (const ColumnOrigin& o : origins) columns += o.step == static_cast<int>(i);
    CheckResult step;
    step.name = stepLabel(pipeline.steps()[i], static_cast<int>(i));
    step.summary = QStringLiteral("%1 column%2 x %3 inputs x %4 cuts").arg(columns).arg(columns == 1 ? "" : "s")
                       .arg(inputs.size()).arg(options.cuts);
    report.steps.push_back(std::move(step));
  }
  try {
    for (const LabelledBars& input : inputs) checkInput(pipeline, input, options, origins, &report);
  } catch (const std::exception& e) {
    report.error = QString::fromUtf8(e.what());
  }
  return report;
}

}  // namespace strata
