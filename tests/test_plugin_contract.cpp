// The plugin contract, checked on every plugin the registry loads from the real plugin
// directory (no list of ids here): (a) each output's leading NaN rows on fully defined bars
// equal its metadata lookback evaluated with the parameters and the task's bindings; (b) row t
// depends on rows 0..t only: computing on bars[0..t] gives row t bit for bit. Plugins are driven
// through FeaturePlugin::plan/compute with buffers owned here, so the plugin itself is checked;
// the default pipeline is also checked end to end through Pipeline::computeRaw.
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"
#include "test_support.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <random>

using namespace strata;


namespace {

constexpr Eigen::Index kRows = 300;
constexpr double kSentinel = -7.25e300;  // never a plausible output: shows a row left unwritten
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A seeded random walk with positive volumes and every value defined.
Bars cleanBars(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.01);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Bars b;
  b.resize(kRows);
  double close = 100.0;
  for (Eigen::Index i = 0; i < kRows; ++i) {
    b.timestamps[static_cast<std::size_t>(i)] = 1'600'000'000'000'000 + i * 60'000'000;
    const double open = close * (1.0 + 0.002 * (unit(rng) - 0.5));
    close = open * std::exp(step(rng));
    b.open[i] = open;
    b.close[i] = close;
    b.high[i] = std::max(open, close) * (1.0 + 0.005 * unit(rng));
    b.low[i] = std::min(open, close) * (1.0 - 0.005 * unit(rng));
    b.volume[i] = 1000.0 + 5000.0 * unit(rng);
  }
  return b;
}

// The same walk with NaN runs, zero volumes, a flat stretch and an infinite volume.
Bars dirtyBars(std::uint64_t seed) {
  Bars b = cleanBars(seed);
  for (Eigen::Index i = 40; i < 46; ++i) b.close[i] = kNaN;
  b.close[120] = kNaN;
  for (Eigen::Index i = 60; i < 64; ++i) b.open[i] = b.high[i] = b.low[i] = kNaN;
  for (Eigen::Index i = 30; i < 36; ++i) b.volume[i] = 0.0;
  b.volume[200] = 0.0;
  b.volume[150] = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 220; i < 240; ++i) b.open[i] = b.high[i] = b.low[i] = b.close[i] = 50.0;
  b.close[kRows - 1] = kNaN;
  return b;
}

const Eigen::VectorXd& barColumn(const Bars& bars, const QString& name) {
  if (name == u"open") return bars.open;
  if (name == u"high") return bars.high;
  if (name == u"low") return bars.low;
  if (name == u"close") return bars.close;
  return bars.volume;
}

struct Computed {
  std::vector<Task> tasks;
  std::vector<std::vector<std::vector<double>>> outputs;  // [task][output][row]
  QString error;
};

// Plans and computes every task on the first `rows` bars, with buffers owned here.
Computed computePlugin(const LoadedPlugin& plugin, const Params& params, const Bars& bars,
                       Eigen::Index rows) {
  Computed c;
  c.tasks = plugin.instance->plan(params, kBarColumns, &c.error);
  if (!c.error.isEmpty()) return c;
  const auto n = static_cast<std::size_t>(rows);
  for (const Task& task : c.tasks) {
    std::vector<ConstColumn> in;
    for (const QString& name : task.inputs) {
      if (!kBarColumns.contains(name)) {
        c.error = QStringLiteral("task reads '%1', which is not a bar column").arg(name);
        return c;
      }
      in.emplace_back(barColumn(bars, name).data(), n);
    }
    std::vector<std::vector<double>> buffers(static_cast<std::size_t>(task.outputs.size()),
                                             std::vector<double>(n, kSentinel));
    std::vector<Column> out;
    for (auto& b : buffers) out.emplace_back(b.data(), n);
    plugin.instance->compute(params, task, in, out);
    c.outputs.push_back(std::move(buffers));
  }
  return c;
}

bool sameValue(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Parameter sets worth checking for one plugin: the defaults, then variations derived from the
// schema (so a new plugin is covered without editing this file).
QList<QPair<QString, QVariantMap>> parameterSets(const PluginInfo& info) {
  QVariantMap base;
  for (const ParamSpec& p : info.params)
    if (p.type == ParamType::Pairs) base.insert(p.name, QVariantList{QVariantList{"close", "open"}});
  QList<QPair<QString, QVariantMap>> sets{{QStringLiteral("defaults"), base}};
  auto clamp = [](const ParamSpec& p, double v) {
    if (p.min) v = std::max(v, *p.min);
    if (p.max) v = std::min(v, *p.max);
    return static_cast<int>(v);
  };
  QVariantMap larger = base, small = base;
  bool anyInt = false;
  for (const ParamSpec& p : info.params) {
    const bool flagLike = p.min && p.max && *p.max - *p.min <= 1;
    if (p.type == ParamType::Int && !flagLike) {
      anyInt = true;
      larger.insert(p.name, clamp(p, 2 * p.defaultValue.toInt() + 1));
      // 3, 5, 7, ... in declaration order: small and distinct (macd wants fast < slow).
      small.insert(p.name, clamp(p, 3 + 2 * static_cast<double>(small.size() - base.size())));
    } else if (p.type == ParamType::Int) {  // 0/1 switches such as ddof
      for (int v = static_cast<int>(*p.min); v <= static_cast<int>(*p.max); ++v)
        if (v != p.defaultValue.toInt()) {
          QVariantMap s = base;
          s.insert(p.name, v);
          sets.append({QStringLiteral("%1=%2").arg(p.name).arg(v), s});
        }
    } else if (p.type == ParamType::Choice) {
      for (const QString& choice : p.choices)
        if (choice != p.defaultValue.toString()) {
          QVariantMap s = base;
          s.insert(p.name, choice);
          sets.append({QStringLiteral("%1=%2").arg(p.name, choice), s});
        }
    } else if (p.type == ParamType::IntList) {
      QVariantList values;
      for (int v : {2, 7, 3}) values << clamp(p, v);
      larger.insert(p.name, values);
      anyInt = true;
    } else if (p.type == ParamType::StringList && !p.choices.isEmpty()) {
      QVariantList reversed;
      for (auto it = p.choices.crbegin(); it != p.choices.crend(); ++it) reversed << *it;
      larger.insert(p.name, reversed);
    } else if (p.type == ParamType::Pairs) {
      larger.insert(p.name, QVariantList{QVariantList{"high", "low"}, QVariantList{"open", "close"}});
    }
  }
  if (anyInt || larger != base) sets.append({QStringLiteral("larger"), larger});
  if (small != base) sets.append({QStringLiteral("small"), small});
  return sets;
}

// (a) The first output whose leading NaN rows differ from its metadata lookback, or a row left
// unwritten; empty when the plugin keeps its word.
QString lookbackViolation(const LoadedPlugin& p, const Params& params) {
  const Bars bars = cleanBars(11);
  const Computed c = computePlugin(p, params, bars, kRows);
  if (!c.error.isEmpty()) return QStringLiteral("plan: ") + c.error;
  if (c.tasks.empty()) return QStringLiteral("plan produced no task");
  for (std::size_t t = 0; t < c.tasks.size(); ++t) {
    const Task& task = c.tasks[t];
    if (task.outputSpecs.size() != task.outputs.size())
      return QStringLiteral("task %1: %2 outputs but %3 outputSpecs").arg(t).arg(task.outputs.size()).arg(task.outputSpecs.size());
    QVariantMap values = params.values();
    for (auto it = task.bindings.cbegin(); it != task.bindings.cend(); ++it) values.insert(it.key(), it.value());
    for (qsizetype k = 0; k < task.outputs.size(); ++k) {
      const int specIndex = task.outputSpecs[k];
      if (specIndex < 0 || specIndex >= static_cast<int>(p.info.outputs.size()))
        return QStringLiteral("%1: outputSpecs index %2 out of range").arg(task.outputs[k]).arg(specIndex);
      const OutputSpec& spec = p.info.outputs[static_cast<std::size_t>(specIndex)];
      QString error;
      const std::optional<int> expected = evaluateLookback(spec.lookback, values, &error);
      if (!expected) return task.outputs[k] + QStringLiteral(": ") + error;
      const std::vector<double>& column = c.outputs[t][static_cast<std::size_t>(k)];
      for (std::size_t i = 0; i < column.size(); ++i)
        if (column[i] == kSentinel) return QStringLiteral("%1: row %2 not written").arg(task.outputs[k]).arg(i);
      std::size_t leading = 0;
      while (leading < column.size() && std::isnan(column[leading])) ++leading;
      if (static_cast<int>(leading) != *expected)
        return QStringLiteral("%1: %2 leading NaN rows, metadata lookback '%3' = %4")
            .arg(task.outputs[k]).arg(leading).arg(spec.lookback).arg(*expected);
    }
  }
  return {};
}

// (b) The first row t (of 20 seeded cut points, 0 and 1 included) whose value computed on
// bars[0..t] differs from the one computed on all bars; empty when there is none.
QString truncationViolation(const LoadedPlugin& p, const Params& params, const Bars& bars) {
  const Computed full = computePlugin(p, params, bars, kRows);
  if (!full.error.isEmpty()) return QStringLiteral("plan: ") + full.error;
  std::mt19937_64 rng(2024);
  QList<Eigen::Index> cuts{0, 1};
  while (cuts.size() < 20) cuts << static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(kRows));
  for (Eigen::Index cut : cuts) {
    const Computed head = computePlugin(p, params, bars.head(cut + 1), cut + 1);
    if (!head.error.isEmpty()) return QStringLiteral("plan on %1 rows: %2").arg(cut + 1).arg(head.error);
    if (head.tasks.size() != full.tasks.size()) return QStringLiteral("plan differs on %1 rows").arg(cut + 1);
    for (std::size_t t = 0; t < full.tasks.size(); ++t) {
      if (head.tasks[t].outputs != full.tasks[t].outputs) return QStringLiteral("plan differs on %1 rows").arg(cut + 1);
      for (std::size_t k = 0; k < full.outputs[t].size(); ++k) {
        const double a = head.outputs[t][k][static_cast<std::size_t>(cut)];
        const double b = full.outputs[t][k][static_cast<std::size_t>(cut)];
        if (!sameValue(a, b))
          return QStringLiteral("%1 row %2: %3 on bars[0..%2], %4 on all bars")
              .arg(full.tasks[t].outputs[static_cast<qsizetype>(k)])
              .arg(cut)
              .arg(a, 0, 'g', 17)
              .arg(b, 0, 'g', 17);
      }
    }
  }
  return {};
}

}  // namespace

class TestPluginContract : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<PluginRegistry> registry_;

  void addRows() {
    QTest::addColumn<QString>("plugin");
    QTest::addColumn<QVariantMap>("given");
    for (const LoadedPlugin& p : registry_->plugins())
      for (const auto& [label, params] : parameterSets(p.info))
        QTest::newRow(qPrintable(p.info.id + QLatin1Char(' ') + label)) << p.info.id << params;
  }

  // Resolves the row's parameters against the schema (they must be valid).
  bool resolve(const QString& id, const QVariantMap& given, const LoadedPlugin** plugin, Params* params) {
    *plugin = registry_->find(id);
    if (!*plugin) return false;
    QStringList errors;
    *params = Params((*plugin)->info.resolveParams(given, &errors));
    if (!errors.isEmpty()) qWarning() << errors;
    return errors.isEmpty();
  }

 private slots:
  void initTestCase() {
    registry_ = std::make_unique<PluginRegistry>();
    test::loadRealPlugins(*registry_);
    QVERIFY2(registry_->refused().empty(), "a real plugin was refused");
    QVERIFY(!registry_->plugins().empty());
  }

  void lookback_data() { addRows(); }
  void lookback() {
    QFETCH(QString, plugin);
    QFETCH(QVariantMap, given);
    const LoadedPlugin* p = nullptr;
    Params params;
    QVERIFY(resolve(plugin, given, &p, &params));
    const QString violation = lookbackViolation(*p, params);
    QVERIFY2(violation.isEmpty(), qPrintable(violation));
  }

  void truncation_data() {
    QTest::addColumn<QString>("plugin");
    QTest::addColumn<QVariantMap>("given");
    QTest::addColumn<bool>("dirty");
    for (const LoadedPlugin& p : registry_->plugins())
      for (const auto& [label, params] : parameterSets(p.info))
        for (bool dirty : {false, true})
          QTest::newRow(qPrintable(p.info.id + QLatin1Char(' ') + label + (dirty ? " dirty" : " clean")))
              << p.info.id << params << dirty;
  }
  void truncation() {
    QFETCH(QString, plugin);
    QFETCH(QVariantMap, given);
    QFETCH(bool, dirty);
    const LoadedPlugin* p = nullptr;
    Params params;
    QVERIFY(resolve(plugin, given, &p, &params));
    const QString violation = truncationViolation(*p, params, dirty ? dirtyBars(5) : cleanBars(5));
    QVERIFY2(violation.isEmpty(), qPrintable(violation));
  }

  void checksCatchAViolator() {
    // The checks themselves work: a test plugin that lies about its lookback and reads the next
    // row is caught by both.
    PluginRegistry bad;
    bad.loadDirectory(QStringLiteral(STRATA_BAD_PLUGIN_DIR));
    const LoadedPlugin* liar = bad.find(QStringLiteral("test_lookahead"));
    QVERIFY2(liar, "test_lookahead was not built or not loaded");
    const QString lookback = lookbackViolation(*liar, Params());
    QVERIFY2(lookback.contains("test_lookahead: 0 leading NaN rows, metadata lookback '1' = 1"), qPrintable(lookback));
    const QString truncation = truncationViolation(*liar, Params(), cleanBars(5));
    QVERIFY2(truncation.startsWith("test_lookahead row 0: "), qPrintable(truncation));
  }

  void defaultPipelineTruncation_data() {
    QTest::addColumn<bool>("dirty");
    QTest::newRow("clean") << false;
    QTest::newRow("dirty") << true;
  }
  void defaultPipelineTruncation() {
    QFETCH(bool, dirty);
    std::vector<Diagnostic> errors;
    const auto pipeline = Pipeline::build(PipelineConfig::defaults(), *registry_, &errors);
    QVERIFY(pipeline);
    const Bars bars = dirty ? dirtyBars(9) : cleanBars(9);
    const FeatureSet full = pipeline->computeRaw(bars);
    QCOMPARE(full.columns, pipeline->plannedColumns());
    QCOMPARE(full.matrix.rows(), kRows);
    std::mt19937_64 rng(99);
    for (int round = 0; round < 20; ++round) {
      const auto cut = static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(kRows));
      const FeatureSet head = pipeline->computeRaw(bars.head(cut + 1));
      QCOMPARE(head.columns, full.columns);
      for (Eigen::Index j = 0; j < full.matrix.cols(); ++j)
        QVERIFY2(sameValue(head.matrix(cut, j), full.matrix(cut, j)),
                 qPrintable(QStringLiteral("%1 row %2: %3 vs %4").arg(full.columns[j]).arg(cut)
                                .arg(head.matrix(cut, j), 0, 'g', 17).arg(full.matrix(cut, j), 0, 'g', 17)));
    }
  }
};

QTEST_GUILESS_MAIN(TestPluginContract)
#include "test_plugin_contract.moc"
