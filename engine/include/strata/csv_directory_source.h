#pragma once
// The embedded DataSource: a directory of CSV files, no server. One file per symbol, SYMBOL.csv
// (its timeframe detected from the data), and optionally one per stored timeframe,
// SYMBOL_1m.csv, SYMBOL_1h.csv, ... Files are read by readBarsCsv (header detection, ISO-8601 or
// epoch timestamps) and validated: timestamps sorted and unique, high >= max(open, close),
// low <= min(open, close), volume >= 0, every value present. Bad rows follow DataSettings::badRows:
//   reject  DataError listing every bad row as "file:line: reason"
//   drop    bad rows are left out (as are rows not after the last kept one); warnings say which
//   repair  rows are sorted by time, duplicates keep the LAST row of the file, rows with bad
//           values (which cannot be repaired) are left out; warnings say what was done
// Coarser timeframes are resampled from the coarsest stored file that divides them; a finer
// timeframe than any stored file is a DataError. Each file is parsed once per modification
// time and shared by every thread. CsvDirectorySource::singleFile reads one file of any name the
// same way (strata-cli generate --data FILE).
#include "strata/visibility.h"
#include "strata/app_settings.h"
#include "strata/data_source.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>

namespace strata {

/// $STRATA_DATA_DIR, else the data beside the executable (../share/strata/data, in an
/// installation and in the build tree alike), named even when it does not exist.
STRATA_ENGINE_EXPORT QString bundledDataDirectory();

class STRATA_ENGINE_EXPORT CsvDirectorySource final : public DataSource {
 public:
  CsvDirectorySource(QString directory, BadRowPolicy policy);
  ~CsvDirectorySource() override;

  /// One file of any name as the source of one symbol, its base name ("/tmp/syn.csv" -> "syn"),
  /// read and validated like a directory's files; the name says no timeframe (the data does).
  static std::shared_ptr<CsvDirectorySource> singleFile(const QString& path, BadRowPolicy policy);

  QString describe() const override;
  QStringList listSymbols() const override;
  std::optional<SymbolInfo> symbolInfo(const QString& symbol) const override;
  Bars loadBars(const QString& symbol, const Timeframe& timeframe, const TimeRange& range,
                QStringList* warnings = nullptr) const override;

  const QString& directory() const { return directory_; }

  struct ParsedFile;  // validated bars of one file (csv_directory_source.cpp)

 private:
  struct StoredFile {
    QString path;
    std::shared_ptr<const ParsedFile> parsed;
  };
  /// Every file of `symbol`, parsed, finest timeframe first. Throws DataError.
  std::vector<StoredFile> storedFiles(const QString& symbol) const;
  /// `named`: the timeframe the file's name states, checked against the data.
  std::shared_ptr<const ParsedFile> parse(const QString& path,
                                          std::optional<Timeframe> named) const;

  QString directory_;
  BadRowPolicy policy_;
  QString file_;        // singleFile: the one file (directory_ is then its folder)
  QString fileSymbol_;  // singleFile: the symbol it holds
  struct CacheEntry;
  mutable std::mutex cacheMutex_;  // guards the map; each entry has its own lock for parsing
  mutable std::map<QString, std::shared_ptr<CacheEntry>> cache_;
};

/// settings.csvDir, or the bundled data when it is empty.
STRATA_ENGINE_EXPORT std::shared_ptr<DataSource> makeCsvDirectorySource(const DataSettings& settings);

}  // namespace strata
