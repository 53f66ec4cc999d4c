// Running a plugin for the checker: plan and compute with buffers owned here, every exception
// contained and turned into text.
#include "check_support.h"

#include <QSet>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>

namespace strata {

bool sameResult(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

namespace plugin_check {
namespace {

// A quiet NaN with a payload no arithmetic produces: a row still holding it was never written.
constexpr std::uint64_t kSentinelBits = 0x7FF8'5354'5241'5441ULL;
const double kSentinel = std::bit_cast<double>(kSentinelBits);

QString thrownText() {
  try {
    throw;
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  } catch (...) {
    return QStringLiteral("something that is not a std::exception");
  }
}

bool sameTask(const Task& a, const Task& b) {
  return a.inputs == b.inputs && a.outputs == b.outputs && a.outputSpecs == b.outputSpecs &&
         a.bindings == b.bindings;
}

// What is wrong with the planned tasks, if anything: inputs the frame lacks, outputs without a
// metadata entry, a name twice.
QString invalidTasks(const PluginInfo& info, const QStringList& columns,
                     const std::vector<Task>& tasks) {
  QSet<QString> names(columns.cbegin(), columns.cend());
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    const Task& task = tasks[t];
    const QString where = QStringLiteral("task %1").arg(t);
    for (const QString& input : task.inputs)
      if (!columns.contains(input))
        return QStringLiteral("%1 reads '%2', which is not among the columns it was given (%3)")
            .arg(where, input, columns.join(QStringLiteral(", ")));
    if (task.outputs.isEmpty()) return where + QStringLiteral(" has no outputs");
    if (task.outputSpecs.size() != task.outputs.size())
      return QStringLiteral("%1: %2 outputs but %3 outputSpecs")
          .arg(where)
          .arg(task.outputs.size())
          .arg(task.outputSpecs.size());
    for (qsizetype k = 0; k < task.outputs.size(); ++k) {
      const QString& name = task.outputs[k];
      const int spec = task.outputSpecs[k];
      if (spec < 0 || spec >= static_cast<int>(info.outputs.size()))
        return QStringLiteral(
                   "%1: output '%2' has outputSpecs index %3; the metadata has %4 outputs")
            .arg(where, name)
            .arg(spec)
            .arg(info.outputs.size());
      if (name.isEmpty()) return where + QStringLiteral(": an output has no name");
      if (names.contains(name))
        return QStringLiteral("%1: output '%2' is named twice (or is an input column)")
            .arg(where, name);
      names.insert(name);
    }
  }
  return {};
}

}  // namespace

bool isSentinel(double value) {
  return std::bit_cast<std::uint64_t>(value) == kSentinelBits;
}

std::optional<Location> firstUnwritten(const Outputs& outputs) {
  for (std::size_t t = 0; t < outputs.size(); ++t)
    for (std::size_t k = 0; k < outputs[t].size(); ++k)
      for (std::size_t i = 0; i < outputs[t][k].size(); ++i)
        if (isSentinel(outputs[t][k][i])) return Location{t, k, i};
  return std::nullopt;
}

std::optional<Location> firstDifference(const Outputs& part, const Outputs& whole,
                                        std::size_t rows) {
  for (std::size_t t = 0; t < whole.size(); ++t)
    for (std::size_t k = 0; k < whole[t].size(); ++k)
      for (std::size_t i = 0; i < rows; ++i)
        if (!sameResult(part[t][k][i], whole[t][k][i])) return Location{t, k, i};
  return std::nullopt;
}

const QString& outputName(const ParameterSet& set, const Location& at) {
  return set.tasks[at.task].outputs[static_cast<qsizetype>(at.output)];
}

CheckFailure differenceFailure(const ParameterSet& set, const QString& input, const Location& at,
                               const Outputs& expected, const Outputs& got,
                               const QString& message) {
  return {set.label,
          input,
          outputName(set, at),
          static_cast<qint64>(at.row),
          valueText(expected[at.task][at.output][at.row]),
          valueText(got[at.task][at.output][at.row]),
          message};
}

QString counted(std::size_t count, const QString& noun) {
  return QStringLiteral("%1 %2%3").arg(count).arg(noun,
                                                  count == 1 ? QString() : QStringLiteral("s"));
}

QString valueText(double value) {
  if (isSentinel(value)) return QStringLiteral("nothing written");
  return QString::number(value, 'g', 17);
}

void planSet(const FeaturePlugin& plugin, const PluginInfo& info, const QStringList& columns,
             ParameterSet* set) {
  if (!set->refused.isEmpty()) return;
  std::vector<Task> again;
  QString error;
  try {
    set->tasks = plugin.plan(set->params, columns, &error);
    if (error.isEmpty()) again = plugin.plan(set->params, columns, &error);
  } catch (...) {
    set->tasks.clear();
    set->planThrew = true;
    set->refused = QStringLiteral("plan threw: ") + thrownText();
    return;
  }
  if (!error.isEmpty()) {
    set->tasks.clear();
    set->refused = QStringLiteral("plan refused it: ") + error;
  } else if (set->tasks.empty()) {
    set->refused = QStringLiteral("plan produced no task");
  } else if (!std::equal(set->tasks.begin(), set->tasks.end(), again.begin(), again.end(),
                         sameTask)) {
    set->invalid =
        QStringLiteral("plan gave different tasks when called twice with the same parameters");
  } else {
    set->invalid = invalidTasks(info, columns, set->tasks);
  }
}

Computed computeSet(const FeaturePlugin& plugin, const ParameterSet& set, const Frame& frame,
                    std::size_t rows) {
  Computed c;
  for (std::size_t t = 0; t < set.tasks.size(); ++t) {
    const Task& task = set.tasks[t];
    std::vector<ConstColumn> in;
    for (const QString& name : task.inputs)
      in.emplace_back(frame.columns[static_cast<std::size_t>(frame.names.indexOf(name))].data(),
                      rows);
    std::vector<std::vector<double>> buffers(static_cast<std::size_t>(task.outputs.size()),
                                             std::vector<double>(rows, kSentinel));
    std::vector<Column> out;
    for (std::vector<double>& b : buffers) out.emplace_back(b.data(), rows);
    try {
      plugin.compute(set.params, task, in, out);
    } catch (...) {
      c.error = QStringLiteral("compute threw on task %1 (%2): %3")
                    .arg(t)
                    .arg(task.outputs.join(QStringLiteral(", ")), thrownText());
      return c;
    }
    c.outputs.push_back(std::move(buffers));
  }
  return c;
}

std::vector<const ParameterSet*> Context::runnable() const {
  std::vector<const ParameterSet*> found;
  for (const ParameterSet& s : sets)
    if (s.runnable()) found.push_back(&s);
  return found;
}

CheckFailure failureOf(const QString& parameters, const QString& input, const QString& message) {
  return {parameters, input, {}, -1, {}, {}, message};
}

void addFailure(CheckResult* result, CheckFailure failure) {
  constexpr std::size_t kMaxFailures = 25;
  if (result->failures.size() < kMaxFailures) {
    result->failures.push_back(std::move(failure));
    return;
  }
  static const QString prefix = QStringLiteral("more failures not listed: ");
  if (!result->notes.isEmpty() && result->notes.back().startsWith(prefix)) {
    const int more = result->notes.back().mid(prefix.size()).toInt() + 1;
    result->notes.back() = prefix + QString::number(more);
  } else {
    result->notes << prefix + QStringLiteral("1");
  }
}

bool requireRunnable(const Context& context, CheckResult* result) {
  if (!context.runnable().empty()) return true;
  addFailure(result,
             failureOf({}, {},
                       QStringLiteral(
                           "no parameter set could be planned, nothing to compute (see plan)")));
  return false;
}

}  // namespace plugin_check
}  // namespace strata
