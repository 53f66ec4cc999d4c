#include "strata/csv_directory_source.h"

#include "bad_rows.h"
#include "strata/resampler.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>

namespace strata {

struct CsvDirectorySource::ParsedFile {
  Bars bars;
  QStringList warnings;
  std::optional<Timeframe> timeframe;  // from the name (SYMBOL_1h.csv) or detected
  QString error;                       // non-empty: the file was refused (DataError text)
};

namespace {
// What tells a changed file: its modification time and size, read with std::filesystem because
// QFileInfo::lastModified converts to local time, and glibc's tzset is not safe beside other threads.
struct FileStamp {
  std::filesystem::file_time_type modified{};
  std::uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};
}  // namespace

struct CsvDirectorySource::CacheEntry {
  std::mutex parsing;  // one thread parses a file; the others wait for its result
  std::optional<FileStamp> stamp;
  std::shared_ptr<const ParsedFile> parsed;
};

namespace {

// Taken before reading, so a file rewritten during the read is read again next time.
std::optional<FileStamp> stampOf(const QString& path) {
  const std::filesystem::path file(path.toStdString());
  std::error_code error;
  FileStamp stamp;
  stamp.modified = std::filesystem::last_write_time(file, error);
  if (error) return std::nullopt;
  stamp.size = std::filesystem::file_size(file, error);
  if (error) return std::nullopt;
  return stamp;
}

const QString kSuffix = QStringLiteral(".csv");

// "AAPL_1h.csv" -> ("AAPL", 1h); "AAPL.csv" and "BRK_B.csv" -> (name, nullopt).
std::pair<QString, std::optional<Timeframe>> splitFileName(const QString& fileName) {
  const QString stem = fileName.chopped(kSuffix.size());
  const qsizetype underscore = stem.lastIndexOf(QLatin1Char('_'));
  if (underscore > 0)
    if (const auto tf = Timeframe::parse(stem.mid(underscore + 1)))
      return {stem.left(underscore), tf};
  return {stem, std::nullopt};
}

void checkSymbol(const QString& symbol) {
  if (symbol.isEmpty() || symbol.startsWith(QLatin1Char('.')) || symbol.contains(QLatin1Char('/')) ||
      symbol.contains(QLatin1Char('\\')))
    throw DataError(QStringLiteral("'%1' is not a symbol a CSV directory can hold").arg(symbol).toStdString());
}

}  // namespace

QString bundledDataDirectory() {
  const QString env = qEnvironmentVariable("STRATA_DATA_DIR");
  if (!env.isEmpty()) return env;
  // Relative to the executable: the build tree mirrors the installation (build/share/strata/
  // links to resources/), so no tree path is compiled in. Where it should be even when it is
  // not there, so that the error names the place.
  const QString appDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath()
                                                      : QDir::currentPath();
  const QString installed = QDir::cleanPath(appDir + QStringLiteral("/../share/strata/data"));
  return QFileInfo(installed).isDir() ? QDir(installed).canonicalPath() : installed;
}

CsvDirectorySource::CsvDirectorySource(QString directory, BadRowPolicy policy)
    : directory_(std::move(directory)), policy_(policy) {}

CsvDirectorySource::~CsvDirectorySource() = default;

std::shared_ptr<CsvDirectorySource> CsvDirectorySource::singleFile(const QString& path,
                                                                   BadRowPolicy policy) {
  const QFileInfo info(path);
  auto source = std::make_shared<CsvDirectorySource>(info.path(), policy);
  source->file_ = path;
  source->fileSymbol_ = info.completeBaseName();
  return source;
}

QString CsvDirectorySource::describe() const {
  return QStringLiteral("CSV %1 %2 (bad_rows: %3)")
      .arg(file_.isEmpty() ? QStringLiteral("directory") : QStringLiteral("file"),
           file_.isEmpty() ? directory_ : file_, badRowPolicyName(policy_));
}

QStringList CsvDirectorySource::listSymbols() const {
  if (!file_.isEmpty()) return {fileSymbol_};
  const QDir dir(directory_);
  if (!dir.exists())
    throw DataError(QStringLiteral("CSV directory %1 does not exist").arg(directory_).toStdString());
  QStringList symbols;
  for (const QString& name : dir.entryList({QStringLiteral("*.csv")}, QDir::Files | QDir::Readable, QDir::Name))
    symbols << splitFileName(name).first;
  symbols.removeDuplicates();
  symbols.sort();
  return symbols;
}

std::shared_ptr<const CsvDirectorySource::ParsedFile> CsvDirectorySource::parse(
    const QString& path, std::optional<Timeframe> named) const {
  std::shared_ptr<CacheEntry> entry;
  {
    std::lock_guard lock(cacheMutex_);
    auto& slot = cache_[path];
    if (!slot) slot = std::make_shared<CacheEntry>();
    entry = slot;
  }
  std::lock_guard lock(entry->parsing);
  const std::optional<FileStamp> stamp = stampOf(path);
  if (entry->parsed && stamp && entry->stamp == stamp) return entry->parsed;
  auto parsed = std::make_shared<ParsedFile>();
  try {
    parsed->bars = applyBadRowPolicy(readBarsCsv(path), path, policy_, &parsed->warnings);
    if (parsed->bars.size() == 0)
      throw DataError(QStringLiteral("%1: no bars left after bad_rows: %2")
                          .arg(path, badRowPolicyName(policy_)).toStdString());
    parsed->timeframe = named;
    const auto detected = detectTimeframe(parsed->bars);
    if (parsed->timeframe && detected && *detected < *parsed->timeframe)
      throw DataError(QStringLiteral("%1: the name says %2 bars but some are only %3 apart")
                          .arg(path, parsed->timeframe->name(), detected->name())
                          .toStdString());
    if (!parsed->timeframe) parsed->timeframe = detected;
  } catch (const DataError& e) {
    parsed->bars = Bars();
    parsed->error = QString::fromUtf8(e.what());
  }
  entry->stamp = stamp;
  entry->parsed = parsed;
  return parsed;
}

std::vector<CsvDirectorySource::StoredFile> CsvDirectorySource::storedFiles(const QString& symbol) const {
  if (!file_.isEmpty()) {
    if (symbol != fileSymbol_) return {};
    if (!QFileInfo(file_).isFile())
      throw DataError((QFileInfo::exists(file_)
                           ? QStringLiteral("CSV file %1 is not a regular file")
                           : QStringLiteral("CSV file %1 does not exist"))
                          .arg(file_)
                          .toStdString());
    StoredFile file{file_, parse(file_, std::nullopt)};
    if (!file.parsed->error.isEmpty()) throw DataError(file.parsed->error.toStdString());
    return {std::move(file)};
  }
  checkSymbol(symbol);
  const QDir dir(directory_);
  if (!dir.exists())
    throw DataError(QStringLiteral("CSV directory %1 does not exist").arg(directory_).toStdString());
  std::vector<StoredFile> files;
  // Every *.csv, filtered by name: a symbol may hold glob characters.
  for (const QString& name : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name)) {
    if (splitFileName(name).first != symbol) continue;
    StoredFile file{dir.filePath(name), parse(dir.filePath(name), splitFileName(name).second)};
    if (!file.parsed->error.isEmpty()) throw DataError(file.parsed->error.toStdString());
    files.push_back(std::move(file));
  }
  // Finest first; a file whose timeframe cannot be told (a single bar) last.
  std::stable_sort(files.begin(), files.end(), [](const StoredFile& a, const StoredFile& b) {
    const qint64 sa = a.parsed->timeframe ? a.parsed->timeframe->seconds() : INT64_MAX;
    const qint64 sb = b.parsed->timeframe ? b.parsed->timeframe->seconds() : INT64_MAX;
    return sa < sb;
  });
  return files;
}

std::optional<SymbolInfo> CsvDirectorySource::symbolInfo(const QString& symbol) const {
  const std::vector<StoredFile> files = storedFiles(symbol);
  if (files.empty()) return std::nullopt;
  const ParsedFile& finest = *files.front().parsed;
  SymbolInfo info;
  info.symbol = symbol;
  info.first = finest.bars.timestamps.front();
  info.last = finest.bars.timestamps.back();
  info.barCount = finest.bars.size();
  info.nativeTimeframe = finest.timeframe;
  return info;
}

Bars CsvDirectorySource::loadBars(const QString& symbol, const Timeframe& timeframe,
                                  const TimeRange& range, QStringList* warnings) const {
  const std::vector<StoredFile> files = storedFiles(symbol);
  if (files.empty() && !file_.isEmpty())
    throw DataError(QStringLiteral("no data for symbol '%1' in CSV file %2 (it holds '%3')")
                        .arg(symbol, file_, fileSymbol_)
                        .toStdString());
  if (files.empty())
    throw DataError(QStringLiteral("no data for symbol '%1' in CSV directory %2 (looked for %1.csv "
                                   "and %1_<timeframe>.csv)")
                        .arg(symbol, directory_)
                        .toStdString());
  // The coarsest stored file the timeframe can be made from: the least work, and an exact file
  // when there is one. A file of unknown timeframe (one bar) is used only as a last resort.
  const StoredFile* chosen = nullptr;
  for (const StoredFile& f : files) {
    const auto& stored = f.parsed->timeframe;
    if (stored ? timeframe.seconds() % stored->seconds() == 0 : chosen == nullptr) chosen = &f;
  }
  if (!chosen) {
    const StoredFile& finest = files.front();
    throw DataError(QStringLiteral("%1: cannot make %2 bars of '%3': the finest stored bars are %4 "
                                   "(%5), and a timeframe can only be aggregated from a finer one "
                                   "that divides it")
                        .arg(describe(), timeframe.name(), symbol, finest.parsed->timeframe->name(),
                             finest.path)
                        .toStdString());
  }
  const Bars& stored = chosen->parsed->bars;
  if (warnings) *warnings << chosen->parsed->warnings;
  const auto& ts = stored.timestamps;
  const auto begin = range.from ? std::lower_bound(ts.begin(), ts.end(), *range.from) : ts.begin();
  const auto end = range.to ? std::lower_bound(begin, ts.end(), *range.to) : ts.end();
  // Like SQL, the range selects stored rows before they are aggregated.
  Bars rows = stored.slice(begin - ts.begin(), end - ts.begin());
  if (chosen->parsed->timeframe && *chosen->parsed->timeframe == timeframe) return rows;
  return resample(rows, timeframe);
}

std::shared_ptr<DataSource> makeCsvDirectorySource(const DataSettings& settings) {
  return std::make_shared<CsvDirectorySource>(
      settings.csvDir.isEmpty() ? bundledDataDirectory() : settings.csvDir, settings.badRows);
}

}  // namespace strata
