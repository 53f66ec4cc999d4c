// PostgresDataSource: schema, symbol listing, bar loading (stored or aggregated in SQL), import.
// Every statement's text is a constant; symbols, ranges and bucket widths travel as parameters.
#include "strata/postgres_source.h"

#include "pg_bar_reader.h"
#include "pg_connection_pool.h"
#include "pg_query_watch.h"
#include "strata/cancel_scope.h"
#include "strata/resampler.h"
#include "strata/time_format.h"

#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/stream_to>
#include <pqxx/transaction>

#include <charconv>
#include <cmath>
#include <tuple>

namespace strata {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS bars ("
    " symbol text NOT NULL, ts timestamptz NOT NULL,"
    " open double precision, high double precision, low double precision,"
    " close double precision, volume double precision,"
    " PRIMARY KEY (symbol, ts))";

// The stored rows of one symbol in [$2, $3).
constexpr const char* kStoredBars =
    "DECLARE strata_bars NO SCROLL CURSOR FOR"
    " SELECT ts, open, high, low, close, volume FROM bars"
    " WHERE symbol = $1 AND ts >= $2::timestamptz AND ts < $3::timestamptz ORDER BY ts";

// Buckets of width $2 from origin $3 over the stored rows in [$4, $5). NaN (and NULL) values are
// skipped as strata::resample skips them: PostgreSQL orders NaN above every number, so max()
// would otherwise return it. The last column counts the bucket's rows with a missing value.
#define STRATA_AGGREGATED_BARS(BUCKET)                                                     \
  "DECLARE strata_bars NO SCROLL CURSOR FOR"                                               \
  " SELECT " BUCKET " AS bucket,"                                                          \
  " (array_agg(open ORDER BY ts) FILTER (WHERE open <> 'NaN'))[1],"                        \
  " max(high) FILTER (WHERE high <> 'NaN'),"                                               \
  " min(low) FILTER (WHERE low <> 'NaN'),"                                                 \
  " (array_agg(close ORDER BY ts DESC) FILTER (WHERE close <> 'NaN'))[1],"                 \
  " coalesce(sum(volume) FILTER (WHERE volume <> 'NaN'), 0),"                              \
  " count(*) FILTER (WHERE open = 'NaN' OR high = 'NaN' OR low = 'NaN' OR close = 'NaN'"   \
  "   OR volume = 'NaN' OR open IS NULL OR high IS NULL OR low IS NULL OR close IS NULL"   \
  "   OR volume IS NULL)"                                                                  \
  " FROM bars WHERE symbol = $1 AND ts >= $4::timestamptz AND ts < $5::timestamptz"       \
  " GROUP BY bucket ORDER BY bucket"
constexpr const char* kDateBinBars =
    STRATA_AGGREGATED_BARS("date_bin($2::interval, ts, $3::timestamptz)");
constexpr const char* kTimeBucketBars =
    STRATA_AGGREGATED_BARS("time_bucket($2::interval, ts, origin => $3::timestamptz)");
#undef STRATA_AGGREGATED_BARS

constexpr const char* kFetch = "FETCH FORWARD 50000 FROM strata_bars";

// The first stored timestamps of a symbol: enough to see its timeframe (smallest step) through
// the primary key index, without reading the whole series.
constexpr const char* kFirstTimestamps =
    "SELECT ts FROM bars WHERE symbol = $1 ORDER BY ts LIMIT 5000";

// Distinct symbols by skipping through the primary key index (a loose index scan).
constexpr const char* kListSymbols =
    "WITH RECURSIVE s(symbol) AS ("
    " (SELECT symbol FROM bars ORDER BY symbol LIMIT 1)"
    " UNION ALL"
    " SELECT (SELECT b.symbol FROM bars b WHERE b.symbol > s.symbol ORDER BY b.symbol LIMIT 1)"
    " FROM s WHERE s.symbol IS NOT NULL)"
    " SELECT symbol FROM s WHERE symbol IS NOT NULL";

constexpr const char* kSymbolSummary =
    "SELECT min(ts), max(ts), count(*) FROM bars WHERE symbol = $1";

// Imports of one symbol take turns: each reads and checks the stored series under this lock,
// held until its transaction ends, so two imports at different bar sizes cannot both pass the
// check. The first key ('STRA') keeps Strata's locks apart from other applications' two-key
// advisory locks; symbols whose hashes collide merely wait for each other.
constexpr const char* kLockSymbol = "SELECT pg_advisory_xact_lock(1398035009, hashtext($1))";

// Processes that find no bars table create it in turn ('STRS'): CREATE TABLE IF NOT EXISTS is
// not safe against a concurrent creator (the loser fails on pg_type's unique index).
constexpr const char* kLockSchema = "SELECT pg_advisory_xact_lock(1398035027, 0)";

constexpr const char* kImportTable =
    "CREATE TEMPORARY TABLE strata_import (ts timestamptz NOT NULL,"
    " open double precision, high double precision, low double precision,"
    " close double precision, volume double precision) ON COMMIT DROP";

// xmax = 0 marks a freshly inserted row; rows whose values are all the same are not touched
// (IS DISTINCT FROM treats NaN as equal to NaN, as PostgreSQL's float8 equality does).
constexpr const char* kUpsert =
    "WITH upserted AS ("
    " INSERT INTO bars (symbol, ts, open, high, low, close, volume)"
    " SELECT $1, ts, open, high, low, close, volume FROM strata_import"
    " ON CONFLICT (symbol, ts) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high,"
    "  low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume"
    " WHERE (bars.open, bars.high, bars.low, bars.close, bars.volume) IS DISTINCT FROM"
    "  (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume)"
    " RETURNING (xmax = 0) AS inserted)"
    " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted";

// The import's COPY restarts its time bound every this many rows: a large file is one statement.
constexpr Eigen::Index kCopyStepRows = 100'000;

using Watch = pg::QueryWatcher::Watch;

std::string isoParameter(Timestamp t) {
  char buffer[40];
  return std::string(buffer, static_cast<std::size_t>(formatIsoUtc(t, buffer)));
}

/// The engine's bucket origin: the epoch, or the Monday before it for whole weeks.
std::string bucketOrigin(const Timeframe& timeframe) { return isoParameter(timeframe.bucketStart(0)); }

Timestamp parseTimestamp(const pqxx::field& field, const QString& where) {
  const auto t = parseIsoUtc(std::string_view(field.c_str(), field.size()));
  if (!t) throw DataError(QStringLiteral("%1: unreadable timestamp '%2'").arg(where, field.c_str()).toStdString());
  return *t;
}

void formatNumber(std::string& out, double v) {
  if (std::isnan(v)) out = "NaN";
  else if (std::isinf(v)) out = v > 0 ? "Infinity" : "-Infinity";
  else {
    char buffer[32];
    out.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
  }
}

/// The symbol as a statement parameter. PostgreSQL text cannot hold NUL (libpq would cut the
/// parameter there and silently name another symbol), and an empty symbol is never meant.
std::string symbolParameter(const QString& symbol, const QString& where) {
  if (symbol.isEmpty())
    throw DataError(QStringLiteral("%1: the symbol is empty").arg(where).toStdString());
  if (symbol.contains(QChar(0)))
    throw DataError(QStringLiteral("%1: a symbol cannot contain a NUL character").arg(where).toStdString());
  return symbol.toStdString();
}

DataSettings postgresSettings(const QString& dsn, int connectTimeoutSeconds) {
  DataSettings settings;
  settings.source = QStringLiteral("postgres");
  settings.postgresDsn = dsn;
  settings.connectTimeoutSeconds = connectTimeoutSeconds;
  return settings;
}

/// Refuses bars whose merge would leave the symbol's series at two bar sizes or off one grid:
/// the stored timeframe is the smallest step between stored bars, so one bar off the grid
/// changes it and wedges the series (an 11:26 bar made a daily series "686m", which nothing
/// could be made from or imported into). `stored`: the first stored bars; `size`: the incoming
/// bars' size, stated or detected (none for one bar).
void checkMergedSeries(const Bars& stored, const Bars& incoming, const std::optional<Timeframe>& size,
                       const QString& where) {
  if (incoming.size() == 0) return;
  const std::optional<Timeframe> storedSize = detectTimeframe(stored);
  if (storedSize && size && *storedSize != *size)
    throw DataError(QStringLiteral("%1: stored at %2 but the bars to import are %3 bars; nothing imported")
                        .arg(where, storedSize->name(), size->name()).toStdString());
  if (!storedSize && !size) return;  // at most one bar on either side: no grid yet
  const Timeframe step = storedSize ? *storedSize : *size;
  const Timestamp anchor = storedSize ? stored.timestamps.front() : incoming.timestamps.front();
  const auto offGrid = [&](Timestamp t) { return (t - anchor) % step.durationMicros() != 0; };
  const auto refuse = [&](const char* bar, Timestamp t, const char* grid) {
    throw DataError(QStringLiteral("%1: %2 at %3 is not on the %4 grid of %5 (%6 + a whole number "
                                   "of %4); nothing imported")
                        .arg(where, QLatin1String(bar), isoUtc(t), step.name(), QLatin1String(grid),
                             isoUtc(anchor))
                        .toStdString());
  };
  const char* grid = storedSize ? "the stored bars" : "the bars to import";
  for (const Timestamp t : incoming.timestamps)
    if (offGrid(t)) refuse("the bar", t, grid);
  if (!storedSize)  // one stored bar, on the grid of the bars to import or refused
    for (const Timestamp t : stored.timestamps)
      if (offGrid(t)) refuse("the stored bar", t, grid);
}

}  // namespace

struct PostgresDataSource::Impl {
  explicit Impl(const DataSettings& settings)
      : pool(pg::makeConnectionTarget(settings)),
        watcher(std::chrono::seconds(settings.queryTimeoutSeconds)) {}

  pg::ConnectionPool pool;
  pg::QueryWatcher watcher;  // after the pool: gone before any connection is
  std::mutex schemaMutex;
  bool schemaReady = false;   // guarded by schemaMutex
  bool timescale = false;     // known once schemaReady

  const QString& description() const { return pool.target().description; }

  /// Runs `work(connection, watch)` on a pooled connection once the schema is there.
  template <typename Work>
  auto run(const QString& doing, Work&& work) {
    ensureSchema();
    return attempt(doing, std::forward<Work>(work));
  }

  /// Runs `work(connection, watch)` on a pooled connection under the watcher, again on another
  /// connection when a reused one turns out dead (the server restarted, an idle timeout): every
  /// operation here is a read or an idempotent import. Failures of the server or the
  /// connection become SourceFailure naming the server, `doing` and the step waited on; a value
  /// the server refuses, a DataError.
  template <typename Work>
  auto attempt(const QString& doing, Work&& work) {
    QString lost;  // why a reused connection broke: said when no new one can be opened
    for (;;) {
      throwIfCancelled(doing);
      auto connection = acquire(doing, lost);
      Watch watch = watcher.watch(*connection, "setting up the session");
      try {
        connection.setUpSession();
        watch.step("starting a transaction");
        auto result = work(*connection, watch);
        // A cancel request sent as the answer came may still arrive: never reuse the connection.
        if (watch.interruption() != pg::Interruption::None) connection.discard();
        return result;
      } catch (const DataError&) {
        if (watch.interruption() != pg::Interruption::None) connection.discard();
        throw;
      } catch (const pqxx::broken_connection& e) {
        const QString why = connection->libpqError().isEmpty() ? pg::oneLine(e.what()) : connection->libpqError();
        connection.discard();
        if (watch.interruption() != pg::Interruption::None) throw interrupted(doing, watch);
        if (!connection.reused())
          throw SourceFailure(QStringLiteral("%1: %2: the connection was lost while %3: %4")
                                  .arg(description(), doing, QLatin1String(watch.currentStep()), why)
                                  .toStdString());
        lost = why;
      } catch (const pqxx::in_doubt_error& e) {
        connection.discard();
        throw SourceFailure(QStringLiteral("%1: %2: the connection was lost while committing, so "
                                           "whether the change was stored is unknown (%3); an "
                                           "import can safely be repeated")
                                .arg(description(), doing, pg::oneLine(e.what()))
                                .toStdString());
      } catch (const pqxx::sql_error& e) {
        if (watch.interruption() != pg::Interruption::None) {
          connection.discard();
          throw interrupted(doing, watch);
        }
        throwServerError(doing, watch, e);
      } catch (const std::exception& e) {
        connection.discard();
        if (watch.interruption() != pg::Interruption::None) throw interrupted(doing, watch);
        throw SourceFailure(QStringLiteral("%1: %2: %3").arg(description(), doing, pg::oneLine(e.what())).toStdString());
      }
    }
  }

  void throwIfCancelled(const QString& doing) const {
    if (const std::atomic_bool* cancel = CancelScope::current(); cancel && cancel->load())
      throw SourceFailure(QStringLiteral("%1: %2: cancelled").arg(description(), doing).toStdString());
  }

  /// A connection; after a reused one broke (`lost` says how), a failure to open a new one
  /// says the connection was lost, not merely that it cannot be made.
  pg::ConnectionPool::Lease acquire(const QString& doing, const QString& lost) {
    if (lost.isEmpty()) return pool.acquire();
    try {
      return pool.acquire();
    } catch (const pg::ConnectFailure& e) {
      throw SourceFailure(QStringLiteral("%1: %2: the connection was lost (%3), and a new one "
                                         "cannot be made: %4")
                              .arg(description(), doing, lost, e.reason())
                              .toStdString());
    }
  }

  SourceFailure interrupted(const QString& doing, const Watch& watch) const {
    const QString step = QString::fromUtf8(watch.currentStep());
    if (watch.interruption() == pg::Interruption::Cancelled)
      return SourceFailure(QStringLiteral("%1: %2: cancelled while %3").arg(description(), doing, step).toStdString());
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(watcher.bound()).count();
    return SourceFailure(QStringLiteral("%1: %2: no answer from the server within %3 s while %4 "
                                        "(data.query_timeout_s); gave up on the connection")
                             .arg(description(), doing)
                             .arg(seconds)
                             .arg(step)
                             .toStdString());
  }

  /// An error the server reported: a value it refuses (SQLSTATE class 22, or a key too long
  /// for the index) is the data's fault, DataError; its statement timeout or anything else,
  /// SourceFailure.
  [[noreturn]] void throwServerError(const QString& doing, const Watch& watch, const pqxx::sql_error& e) const {
    const std::string& state = e.sqlstate();
    const QString message = pg::oneLine(e.what());
    if (state.rfind("22", 0) == 0 || state == "54000")
      throw DataError(QStringLiteral("%1: %2: the server refused a value: %3").arg(description(), doing, message).toStdString());
    if (state == "57014" && message.contains(QLatin1String("statement timeout")))
      throw SourceFailure(QStringLiteral("%1: %2: the server stopped the statement after %3 s while "
                                         "%4 (data.statement_timeout_s)")
                              .arg(description(), doing)
                              .arg(pool.target().statementTimeoutSeconds)
                              .arg(QLatin1String(watch.currentStep()))
                              .toStdString());
    throw SourceFailure(QStringLiteral("%1: %2: %3").arg(description(), doing, message).toStdString());
  }

  void ensureSchema() {
    {
      std::lock_guard lock(schemaMutex);
      if (schemaReady) return;
    }
    // Connect outside the lock: against a dead server every waiting thread fails within one
    // connect timeout, instead of one timeout after another.
    attempt(QStringLiteral("creating the bars table"), [this](pg::Connection& c, Watch& watch) {
      std::lock_guard lock(schemaMutex);
      if (schemaReady) return true;
      pqxx::work tx(c);
      watch.step("looking for TimescaleDB");
      timescale = !tx.exec("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'").empty();
      watch.step("looking for the bars table");
      if (tx.exec("SELECT to_regclass('bars')")[0][0].is_null()) {
        watch.step("waiting for another process creating the bars table");
        tx.exec(kLockSchema);
      }
      // Looked up again under the lock: READ COMMITTED sees a table created meanwhile.
      if (tx.exec("SELECT to_regclass('bars')")[0][0].is_null()) {
        watch.step("creating the bars table");
        tx.exec(kCreateTable);
        if (timescale) tx.exec("SELECT create_hypertable('bars', 'ts', if_not_exists => true)");
      }
      watch.step("committing");
      tx.commit();
      schemaReady = true;
      return true;
    });
  }

  /// The first stored bars' timestamps of a symbol (empty for an unknown one): enough to see its
  /// timeframe (smallest step) and grid through the primary key index, without reading the
  /// whole series.
  static Bars storedSample(pqxx::transaction_base& tx, Watch& watch, const std::string& symbol,
                           const QString& where) {
    watch.step("reading the stored timeframe");
    const pqxx::result rows = tx.exec_params(kFirstTimestamps, symbol);
    Bars sample;
    sample.timestamps.reserve(static_cast<std::size_t>(rows.size()));
    for (const pqxx::row& row : rows) sample.timestamps.push_back(parseTimestamp(row[0], where));
    return sample;
  }
};

PostgresDataSource::PostgresDataSource(const QString& dsn, int connectTimeoutSeconds)
    : PostgresDataSource(postgresSettings(dsn, connectTimeoutSeconds)) {}

PostgresDataSource::PostgresDataSource(const DataSettings& settings)
    : impl_(std::make_unique<Impl>(settings)) {}

PostgresDataSource::~PostgresDataSource() = default;

QString PostgresDataSource::describe() const { return impl_->description(); }

void PostgresDataSource::ensureSchema() const { impl_->ensureSchema(); }

bool PostgresDataSource::hasTimescale() const {
  impl_->ensureSchema();
  std::lock_guard lock(impl_->schemaMutex);
  return impl_->timescale;
}

QStringList PostgresDataSource::listSymbols() const {
  return impl_->run(QStringLiteral("listing symbols"), [](pg::Connection& c, Watch& watch) {
    pqxx::read_transaction tx(c);
    watch.step("listing the symbols");
    QStringList symbols;
    for (const pqxx::row& row : tx.exec(kListSymbols)) symbols << QString::fromUtf8(row[0].c_str());
    return symbols;
  });
}

std::optional<SymbolInfo> PostgresDataSource::symbolInfo(const QString& symbol) const {
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  return impl_->run(QStringLiteral("symbol '%1'").arg(symbol), [&](pg::Connection& c, Watch& watch) {
    pqxx::read_transaction tx(c);
    watch.step("summing up the stored bars");
    const pqxx::row summary = tx.exec_params1(kSymbolSummary, key);
    std::optional<SymbolInfo> info;
    if (summary[2].as<qint64>() == 0) return info;
    info.emplace();
    info->symbol = symbol;
    info->first = parseTimestamp(summary[0], where);
    info->last = parseTimestamp(summary[1], where);
    info->barCount = summary[2].as<qint64>();
    info->nativeTimeframe = detectTimeframe(Impl::storedSample(tx, watch, key, where));
    return info;
  });
}

Bars PostgresDataSource::loadBars(const QString& symbol, const Timeframe& timeframe,
                                  const TimeRange& range, QStringList* warnings) const {
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  return impl_->run(QStringLiteral("loading '%1' at %2").arg(symbol, timeframe.name()), [&](pg::Connection& c, Watch& watch) {
    pqxx::read_transaction tx(c);
    const Bars sample = Impl::storedSample(tx, watch, key, where);
    const std::optional<Timeframe> stored = detectTimeframe(sample);
    if (sample.timestamps.empty()) throw DataError(QStringLiteral("%1: no bars stored").arg(where).toStdString());
    if (stored && timeframe < *stored)
      throw DataError(QStringLiteral("%1: stored at %2, so %3 bars cannot be made from it")
                          .arg(where, stored->name(), timeframe.name()).toStdString());
    const bool aggregate = !stored || timeframe != *stored;
    pg::BarReader reader(where, aggregate);
    watch.step("running the query");
    if (aggregate) {
      tx.exec_params(impl_->timescale ? kTimeBucketBars : kDateBinBars, key,
                     std::to_string(timeframe.seconds()) + " seconds", bucketOrigin(timeframe),
                     range.from ? isoParameter(*range.from) : "-infinity",
                     range.to ? isoParameter(*range.to) : "infinity");
    } else {
      tx.exec_params(kStoredBars, key, range.from ? isoParameter(*range.from) : "-infinity",
                     range.to ? isoParameter(*range.to) : "infinity");
    }
    for (;;) {
      watch.step("fetching rows");
      const pqxx::result chunk = tx.exec(kFetch);
      if (chunk.empty()) break;
      reader.append(chunk);
    }
    if (warnings && reader.rowsWithMissing() > 0)
      *warnings << QStringLiteral("%1: %2 stored row(s) have NaN or NULL values (first %3); %4")
                       .arg(where)
                       .arg(reader.rowsWithMissing())
                       .arg(reader.firstMissing(),
                            aggregate ? QStringLiteral("the aggregation skipped them")
                                      : QStringLiteral("kept as NaN"));
    return reader.finish();
  });
}

BarsImportResult PostgresDataSource::importBars(const QString& symbol, const Bars& bars,
                                                std::optional<Timeframe> barSize) const {
  if (const QString problem = symbolProblem(symbol); !problem.isEmpty())
    throw DataError(QStringLiteral("%1: %2; nothing imported").arg(describe(), problem).toStdString());
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  if (!barSize) barSize = detectTimeframe(bars);
  return impl_->run(QStringLiteral("importing '%1'").arg(symbol), [&](pg::Connection& c, Watch& watch) {
    pqxx::work tx(c);
    watch.step("waiting for another import of the symbol to finish");
    tx.exec_params(kLockSymbol, key);
    checkMergedSeries(Impl::storedSample(tx, watch, key, where), bars, barSize, where);
    watch.step("creating the import table");
    tx.exec(kImportTable);
    {
      watch.step("copying the bars");
      pqxx::stream_to stream(tx, "strata_import");
      // Strings we format ourselves: shortest round-trip decimals, PostgreSQL's NaN/Infinity.
      std::tuple<std::string, std::string, std::string, std::string, std::string, std::string> row;
      char buffer[40];
      for (Eigen::Index i = 0; i < bars.size(); ++i) {
        std::get<0>(row).assign(buffer, static_cast<std::size_t>(formatIsoUtc(bars.timestamps[static_cast<std::size_t>(i)], buffer)));
        formatNumber(std::get<1>(row), bars.open[i]);
        formatNumber(std::get<2>(row), bars.high[i]);
        formatNumber(std::get<3>(row), bars.low[i]);
        formatNumber(std::get<4>(row), bars.close[i]);
        formatNumber(std::get<5>(row), bars.volume[i]);
        stream << row;
        if ((i + 1) % kCopyStepRows == 0) watch.step("copying the bars");
      }
      stream.complete();
    }
    watch.step("merging the bars");
    const pqxx::row counts = tx.exec_params1(kUpsert, key);
    watch.step("committing");
    tx.commit();
    BarsImportResult result;
    result.inserted = counts[0].as<qint64>();
    result.updated = counts[1].as<qint64>();
    result.unchanged = bars.size() - result.inserted - result.updated;
    return result;
  });
}

}  // namespace strata
