#pragma once
// Bars stored in PostgreSQL (TimescaleDB when the extension is present), read through libpqxx.
//
// Schema (created when missing, see ensureSchema):
//   bars(symbol text, ts timestamptz, open, high, low, close, volume double precision,
//        primary key (symbol, ts))
// With the timescaledb extension the table becomes a hypertable and coarser timeframes are
// aggregated by time_bucket; without it by date_bin (PostgreSQL 14+). Both use the engine's
// buckets exactly: UTC, left-closed, left-labelled, weeks from Monday 00:00 UTC, a bucket with
// no stored bar makes no row; open first / high max / low min / close last / volume sum, NaN
// skipped like strata::resample.
//
// Every statement is parameterised: a symbol such as "O'Reilly; DROP TABLE x" is just a symbol.
// The connection comes from a libpq DSN (key=value or URI) plus the PG* variables and
// ~/.pgpass; a DSN holding a password is refused. connect_timeout bounds every connection
// attempt; every later wait on the server is bounded too (data.query_timeout_s, the server's
// statement_timeout, TCP keepalives) and ends within about a second when the calling thread's
// run is cancelled (CancelScope): a dead, stopped or unreachable server is a SourceFailure,
// never a hang. Thread-safe: each call borrows a connection from a small pool.
#include "strata/visibility.h"
#include "strata/app_settings.h"
#include "strata/data_source.h"

#include <memory>

namespace strata {

struct STRATA_ENGINE_EXPORT BarsImportResult {
  qint64 inserted = 0;   // new (symbol, ts)
  qint64 updated = 0;    // existing (symbol, ts) whose values changed
  qint64 unchanged = 0;  // existing rows with the same values
};

class STRATA_ENGINE_EXPORT PostgresDataSource final : public DataSource {
 public:
  /// Refuses (DataError) a DSN that libpq cannot parse or that holds a password. Does not
  /// connect: the first call that needs the server does. The first form takes the other
  /// settings' defaults.
  PostgresDataSource(const QString& dsn, int connectTimeoutSeconds);
  explicit PostgresDataSource(const DataSettings& settings);
  ~PostgresDataSource() override;

  QString describe() const override;
  QStringList listSymbols() const override;
  std::optional<SymbolInfo> symbolInfo(const QString& symbol) const override;
  /// The stored rows with ts in `range`, as stored at the stored timeframe, aggregated in SQL
  /// at a coarser one (as CsvDirectorySource does: the range selects stored rows before they
  /// are aggregated, so a bucket cut by the range is partial; align the range to the buckets
  /// for whole ones). A finer timeframe than the stored one, or an unknown symbol, is a
  /// DataError. Stored NaN/NULL values are kept as NaN and reported in `warnings`.
  Bars loadBars(const QString& symbol, const Timeframe& timeframe, const TimeRange& range,
                QStringList* warnings = nullptr) const override;

  /// Creates the bars table (and the hypertable with TimescaleDB) when it does not exist.
  void ensureSchema() const;
  /// True when the timescaledb extension is installed in the database.
  bool hasTimescale() const;
  /// Stores `bars` under `symbol` in one transaction: COPY into a temporary table, then
  /// INSERT ... ON CONFLICT (symbol, ts) DO UPDATE, so importing the same bars twice loses and
  /// duplicates nothing. Creates the schema when missing. One series per symbol, at one bar
  /// size on one grid: under a per-symbol lock (pg_advisory_xact_lock, so concurrent imports
  /// take turns) the merged series is checked against the stored one, and bars at another size
  /// (`barSize`, else detected from `bars`) or off the stored grid are refused (DataError naming
  /// the bar), as is a symbol symbolProblem() refuses. Nothing is stored then.
  BarsImportResult importBars(const QString& symbol, const Bars& bars,
                              std::optional<Timeframe> barSize = std::nullopt) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
