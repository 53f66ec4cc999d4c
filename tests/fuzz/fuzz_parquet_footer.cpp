// A Parquet file's footer as `strata-cli inspect` and `generate --config-from` read it:
// readParquetFooter on the file, then, as --config-from does, the pipeline recorded in its
// strata.pipeline.yaml metadata. An ExportError naming the file is the clean refusal.
#include "fuzz_support.h"
#include "strata/export.h"
#include "strata/parquet_footer.h"
#include "strata/pipeline_config.h"

using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::MemoryFile file("export.parquet");
  file.assign(data, size);
  ParquetFileInfo info;
  try {
    info = readParquetFooter(file.path());
  } catch (const ExportError& e) {
    if (!QString::fromUtf8(e.what()).startsWith(file.path()))
      fuzz::failBroken(
          "fuzz_parquet_footer",
          QStringLiteral("a refusal not naming the file: %1").arg(QString::fromUtf8(e.what())));
    return 0;
  }
  if (const std::optional<QString> yaml = info.value(QStringLiteral("strata.pipeline.yaml"))) {
    std::vector<Diagnostic> errors;
    (void)PipelineConfig::fromYaml(*yaml, file.path() + QStringLiteral(" [strata.pipeline.yaml]"),
                                   &errors);
  }
  return 0;
}
