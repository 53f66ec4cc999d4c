#pragma once
// strata-cli generate's one driver: FeatureEngineer over the data source (--data FILE, --data-dir,
// or --settings' csv or postgres), whatever the timeframes asked for. One timeframe goes to PATH;
// several, or --aligned, go to PATH with _<tf> before the extension, the aligned matrix to PATH.
#include "export_cli.h"
#include "strata/app_settings.h"
#include "strata/data_source.h"
#include "strata/export.h"
#include "strata/pipeline.h"
#include "strata/timeframe.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace strata::cli {

struct GenerateJob {
  std::shared_ptr<const DataSource> source;
  const Pipeline* pipeline = nullptr;
  QString symbol;
  std::vector<Timeframe> timeframes;  // in the order asked; empty: the data's own
  int lookbackDays = 0;
  bool aligned = false;
  bool raw = false;
  bool report = false;                 // print every written file's full validation report
  std::optional<CacheSettings> cache;  // nullopt: no cache (--no-cache, or disabled)
  QString out;
  ExportOptions exportOptions;  // for every file written (format from --out's extension)
  int threads = 0;
  const std::atomic_bool* cancel = nullptr;
  const RecordedExport* recorded = nullptr;  // --config-from: warn when the bars differ
};

/// Runs the job; the exit code (kOk, kFailure, kInvalidInput, kCancelled).
int generate(const GenerateJob& job);

}  // namespace strata::cli
