#pragma once
// Shared by the benchmark programs: `--name value` options, medians, and the pipeline to time.
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"
#include "strata/plugin_registry.h"

#include <QStringList>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace strata::bench {

/// The command line: option(name, fallback) is the value after `name`, or `fallback`.
class Options {
 public:
  explicit Options(QStringList args) : args_(std::move(args)) {}
  QString operator()(const QString& name, const QString& fallback) const {
    const auto i = args_.indexOf(name);
    return i >= 0 && i + 1 < args_.size() ? args_[i + 1] : fallback;
  }
  bool has(const QString& flag) const { return args_.contains(flag); }

 private:
  QStringList args_;
};

/// The median (the mean of the two middle values for an even count); 0 for none.
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0.0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

/// This process's peak resident set so far, in MiB.
inline double peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// Writes `values` as the items of a JSON array ("1.2345, 2.3456"), for the one-line results.
inline void printJsonNumbers(const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) std::printf("%s%.4f", i ? ", " : "", values[i]);
}

/// Loads the plugins from the default search paths into `registry` and builds the pipeline of
/// `configPath` (the default pipeline of docs/spec.md when empty). Prints the diagnostics on
/// stderr and returns nullopt when the config or a plugin is refused.
inline std::optional<Pipeline> loadPipeline(PluginRegistry& registry, const QString& configPath = {}) {
  for (const QString& dir : PluginRegistry::defaultSearchPaths()) registry.loadDirectory(dir);
  std::vector<Diagnostic> errors;
  const auto config = configPath.isEmpty() ? std::optional(PipelineConfig::defaults())
                                           : PipelineConfig::fromFile(configPath, &errors);
  std::optional<Pipeline> pipeline;
  if (config) pipeline = Pipeline::build(*config, registry, &errors);
  if (!pipeline)
    for (const Diagnostic& e : errors) std::fprintf(stderr, "%s\n", qPrintable(e.toString()));
  return pipeline;
}

}  // namespace strata::bench
