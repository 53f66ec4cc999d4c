// Pipeline YAML as the user writes it (a --config file, the GUI's YAML tab, --config-from's
// recorded pipeline): PipelineConfig::fromYaml, then what the product does with a parsed config:
// write it back (the cache key and --config-from hash that text), validate it against the real
// plugins and plan it. Promises checked: a refusal says where (line and column) and what; a parsed
// config writes YAML that reads back to the same config.
#include "fuzz_support.h"
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"
#include "strata/plugin_registry.h"

using namespace strata;

namespace {

constexpr const char* kTarget = "fuzz_pipeline_yaml";

const PluginRegistry& realPlugins() {
  static PluginRegistry* registry = [] {
    auto* loaded = new PluginRegistry;  // lives as long as the process, as in the product
    loaded->loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    return loaded;
  }();
  return *registry;
}

void checkLocated(const std::vector<Diagnostic>& errors, const QString& text) {
  if (errors.empty())
    fuzz::failBroken(kTarget, QStringLiteral("refused without a diagnostic:\n%1").arg(text));
  for (const Diagnostic& d : errors)
    if (d.message.isEmpty() || d.where.line < 1 || d.where.column < 1)
      fuzz::failBroken(
          kTarget,
          QStringLiteral("a diagnostic without a place or a message: '%1'").arg(d.toString()));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (realPlugins().plugins().empty())
    fuzz::failBroken(
        kTarget, QStringLiteral("no plugin loaded from %1").arg(QStringLiteral(STRATA_PLUGIN_DIR)));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QString text = fuzz::utf8Text(data, size);
  std::vector<Diagnostic> errors;
  const std::optional<PipelineConfig> config =
      PipelineConfig::fromYaml(text, QStringLiteral("fuzz.yaml"), &errors);
  if (!config) {
    checkLocated(errors, text);
    return 0;
  }
  const QString written = config->toYaml();
  std::vector<Diagnostic> again;
  const std::optional<PipelineConfig> reread =
      PipelineConfig::fromYaml(written, QStringLiteral("written.yaml"), &again);
  if (!reread || !(*reread == *config))
    fuzz::failBroken(
        kTarget,
        QStringLiteral("the written config does not read back the same:\n%1\n--- written:\n%2")
            .arg(text, written));
  // What generate and the workbench do next: validate against the plugins and plan every
  // step (the plugins' plan(), apply_to patterns, column names), computing nothing.
  std::vector<Diagnostic> problems;
  if (const std::optional<Pipeline> pipeline = Pipeline::build(*config, realPlugins(), &problems))
    (void)pipeline->columnOrigins();
  return 0;
}
