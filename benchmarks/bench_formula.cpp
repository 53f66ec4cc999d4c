// Formulas against plugins and pandas (issue 13's bar): ns per bar of one step computed through
// its plugin interface, single-threaded, on the bars of --data (benchmarks/compare_formula.py
// gives both sides the same `strata-cli synth` file): the SMA plugin beside `sma(close, 30)` as a
// formula (the formula's overhead over the kernel it calls), and a 10-node formula (pandas'
// side: compare_formula.py). Wall-clock medians of --repeat runs; one JSON line at the end.
// Usage: bench_formula --data FILE [--repeat 9] [--only sma_plugin|sma_formula|ten_node_formula]
#include "bench_support.h"
#include "strata/csv_bars.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <limits>

using namespace strata;

namespace {

struct Step {
  const char* label;
  const char* plugin;
  QVariantMap params;
};

// The 10 nodes: close, volume, two rolling means, a rolling std, -, /, >, where, *.
const char* const kTenNodes =
    "(close - rolling_mean(close, 20)) / rolling_std(close, 20) * where(volume > rolling_mean(volume, 20), 1, -1)";

std::vector<Step> steps() {
  return {{"sma_plugin", "sma", {{QStringLiteral("window"), 30}}},
          {"sma_formula", "expression", {{QStringLiteral("name"), QStringLiteral("f")}, {QStringLiteral("formula"), QStringLiteral("sma(close, 30)")}}},
          {"ten_node_formula", "expression", {{QStringLiteral("name"), QStringLiteral("f")}, {QStringLiteral("formula"), QString::fromLatin1(kTenNodes)}}}};
}

std::span<const double> column(const Bars& bars, const QString& name) {
  const Eigen::VectorXd& v = name == u"open" ? bars.open : name == u"high" ? bars.high : name == u"low" ? bars.low
                             : name == u"volume" ? bars.volume : bars.close;
  return {v.data(), static_cast<std::size_t>(v.size())};
}

// Median ns per bar of `repeat` computations of the step's one task; the output is reused.
double nsPerBar(const LoadedPlugin& plugin, const QVariantMap& given, const Bars& bars, int repeat) {
  QStringList problems;
  const Params params(plugin.info.resolveParams(given, &problems));
  QString error;
  const std::vector<Task> tasks =
      plugin.instance->plan(params, {"open", "high", "low", "close", "volume"}, &error);
  if (tasks.size() != 1 || !problems.isEmpty()) {
    std::fprintf(stderr, "cannot plan %s: %s\n", qPrintable(plugin.info.id), qPrintable(error + problems.join(u"; ")));
    std::exit(3);
  }
  std::vector<ConstColumn> inputs;
  for (const QString& name : tasks[0].inputs) inputs.push_back(column(bars, name));
  std::vector<double> out(static_cast<std::size_t>(bars.size()));
  const std::vector<Column> outputs{Column(out)};
  std::vector<double> runs;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    plugin.instance->compute(params, tasks[0], inputs, outputs);
    runs.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
                   static_cast<double>(bars.size()));
  }
  return bench::median(runs);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);  // the plugin search paths are relative to the executable
  QStringList args = QCoreApplication::arguments();
  const bench::Options options(args);
  const CsvReadResult read = readBarsCsv(options(QStringLiteral("--data"), {}));
  if (!read.bars) {
    std::fprintf(stderr, "bench_formula: --data FILE: %s\n", qPrintable(read.problems.join(u"; ")));
    return 2;
  }
  const int repeat = options(QStringLiteral("--repeat"), QStringLiteral("9")).toInt();
  PluginRegistry registry;
  for (const QString& dir : PluginRegistry::defaultSearchPaths()) registry.loadDirectory(dir);
  std::printf("{\"rows\": %lld, \"repeat\": %d, \"ns_per_bar\": {", static_cast<long long>(read.bars->size()), repeat);
  bool first = true;
  const QString only = options(QStringLiteral("--only"), {});  // one step's label, for a profiler
  for (const Step& step : steps()) {
    if (!only.isEmpty() && only != QLatin1String(step.label)) continue;
    const LoadedPlugin* plugin = registry.find(QString::fromLatin1(step.plugin));
    if (!plugin) {
      std::fprintf(stderr, "bench_formula: plugin %s not found\n", step.plugin);
      return 3;
    }
    std::printf("%s\"%s\": %.3f", first ? "" : ", ", step.label, nsPerBar(*plugin, step.params, *read.bars, repeat));
    first = false;
  }
  std::printf("}, \"ten_node_formula\": \"%s\", \"peak_rss_mb\": %.1f}\n", kTenNodes, bench::peakRssMb());
  return 0;
}
