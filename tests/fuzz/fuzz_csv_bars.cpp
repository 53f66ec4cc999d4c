// CSV bars as `import`, `generate --data FILE` and the CSV directory source read them: the
// reader (readBarsCsv) on the file as it is, then the same file as a source of bars under each
// bad_rows policy (validation, repair, the timeframe detection and a resample to weekly bars).
// Promises checked: every problem has its line; the reader keeps one line number per bar.
#include "fuzz_support.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"

using namespace strata;

namespace {

constexpr const char* kTarget = "fuzz_csv_bars";

void readAsFile(const QString& path) {
  const CsvReadResult read = readBarsCsv(path);
  if (read.problems.size() != static_cast<qsizetype>(read.problemLines.size()))
    fuzz::failBroken(kTarget, QStringLiteral("%1 problems, %2 problem lines")
                                  .arg(read.problems.size())
                                  .arg(read.problemLines.size()));
  if (read.bars && read.bars->size() != static_cast<Eigen::Index>(read.lines.size()))
    fuzz::failBroken(
        kTarget,
        QStringLiteral("%1 bars, %2 line numbers").arg(read.bars->size()).arg(read.lines.size()));
}

void loadAsSource(const QString& path, BadRowPolicy policy) {
  const auto source = CsvDirectorySource::singleFile(path, policy);
  try {
    for (const QString& symbol : source->listSymbols()) {
      const std::optional<SymbolInfo> info = source->symbolInfo(symbol);
      if (!info || !info->nativeTimeframe) continue;
      QStringList warnings;
      (void)source->loadBars(symbol, *info->nativeTimeframe, {}, &warnings);
      const Timeframe weekly = *Timeframe::parse(QStringLiteral("1w"));
      if (*info->nativeTimeframe < weekly) (void)source->loadBars(symbol, weekly, {}, &warnings);
    }
  } catch (const DataError&) {
    // A clean refusal: the message names the file and line.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::MemoryFile file("bars.csv");
  file.assign(data, size);
  readAsFile(file.path());
  for (BadRowPolicy policy : {BadRowPolicy::Reject, BadRowPolicy::Drop, BadRowPolicy::Repair})
    loadAsSource(file.path(), policy);
  return 0;
}
