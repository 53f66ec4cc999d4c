#pragma once
// The `expression` step: one user formula, its output column named by `name`. Built into the
// engine rather than a library because it calls other plugins' kernels (rsi(close, 14)), and
// only the engine holds the registry; to the pipeline it is a plugin like any other, described
// by the same metadata.
#include "strata/plugin_info.h"
#include "strata/sdk/plugin_api.h"

namespace strata {
class PluginRegistry;
}

namespace strata::formula {

class ExpressionPlugin : public FeaturePlugin {
 public:
  explicit ExpressionPlugin(const PluginRegistry& registry) : registry_(registry) {}
  /// Its metadata (kind "formula": allowed in every section).
  static PluginInfo info();

  std::vector<Task> plan(const Params& params, const QStringList& sources, QString* error) const override;
  void compute(const Params& params, const Task& task, std::span<const ConstColumn> inputs,
               std::span<const Column> outputs) const override;

 private:
  const PluginRegistry& registry_;
};

}  // namespace strata::formula
