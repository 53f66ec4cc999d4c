// PostgresDataSource: schema, symbol listing, bar loading (stored or aggregated in SQL), import.
// Every statement's text is a constant; symbols, ranges and bucket widths travel as parameters.
#include "strata/postgres_source.h"

#include "pg_bar_reader.h"
#include "pg_connection_pool.h"
#include "strata/resampler.h"
#include "strata/time_format.h"

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

}  // namespace

struct PostgresDataSource::Impl {
  explicit Impl(pg::ConnectionTarget target) : pool(std::move(target)) {}

  pg::ConnectionPool pool;
  std::mutex schemaMutex;
  bool schemaReady = false;   // guarded by schemaMutex
  bool timescale = false;     // known once schemaReady

  const QString& description() const { return pool.target().description; }

  /// Runs `work` on a pooled connection; libpqxx and libpq failures become DataError naming the
  /// server and what was being done.
  template <typename Work>
  auto run(const QString& doing, Work&& work) {
    try {
      ensureSchema();
      for (;;) {
        auto connection = pool.acquire();
        try {
          return work(*connection);
        } catch (const pqxx::broken_connection&) {
          // An idle connection the server has since closed (restart, idle timeout, admin):
          // once more on a new one. Every operation here is a read or an idempotent import.
          connection.discard();
          if (!connection.reused()) throw;
        }
      }
    } catch (const DataError&) {
      throw;
    } catch (const std::exception& e) {
      throw DataError(QStringLiteral("%1: %2: %3").arg(description(), doing, pg::oneLine(e.what())).toStdString());
    }
  }

  void ensureSchema() {
    {
      std::lock_guard lock(schemaMutex);
      if (schemaReady) return;
    }
    // Connect outside the lock: against a dead server every waiting thread fails within one
    // connect timeout, instead of one timeout after another.
    auto connection = pool.acquire();
    std::lock_guard lock(schemaMutex);
    if (schemaReady) return;
    try {
      pqxx::work tx(*connection);
      timescale = !tx.exec("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'").empty();
      if (tx.exec("SELECT to_regclass('bars')")[0][0].is_null()) {
        tx.exec(kCreateTable);
        if (timescale) tx.exec("SELECT create_hypertable('bars', 'ts', if_not_exists => true)");
      }
      tx.commit();
    } catch (const std::exception& e) {
      throw DataError(QStringLiteral("%1: cannot create the bars table: %2")
                          .arg(description(), pg::oneLine(e.what())).toStdString());
    }
    schemaReady = true;
  }

  /// The smallest step between the first stored bars; nullopt for an unknown symbol (or one bar).
  static std::optional<Timeframe> storedTimeframe(pqxx::transaction_base& tx, const std::string& symbol,
                                                  const QString& where, bool* known) {
    const pqxx::result rows = tx.exec_params(kFirstTimestamps, symbol);
    *known = !rows.empty();
    Bars sample;
    sample.timestamps.reserve(static_cast<std::size_t>(rows.size()));
    for (const pqxx::row& row : rows) sample.timestamps.push_back(parseTimestamp(row[0], where));
    return detectTimeframe(sample);
  }
};

PostgresDataSource::PostgresDataSource(const QString& dsn, int connectTimeoutSeconds)
    : impl_(std::make_unique<Impl>(pg::makeConnectionTarget(dsn, connectTimeoutSeconds))) {}

PostgresDataSource::PostgresDataSource(const DataSettings& settings)
    : PostgresDataSource(settings.postgresDsn, settings.connectTimeoutSeconds) {}

PostgresDataSource::~PostgresDataSource() = default;

QString PostgresDataSource::describe() const { return impl_->description(); }

void PostgresDataSource::ensureSchema() const { impl_->ensureSchema(); }

bool PostgresDataSource::hasTimescale() const {
  impl_->ensureSchema();
  std::lock_guard lock(impl_->schemaMutex);
  return impl_->timescale;
}

QStringList PostgresDataSource::listSymbols() const {
  return impl_->run(QStringLiteral("listing symbols"), [](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    QStringList symbols;
    for (const pqxx::row& row : tx.exec(kListSymbols)) symbols << QString::fromUtf8(row[0].c_str());
    return symbols;
  });
}

std::optional<SymbolInfo> PostgresDataSource::symbolInfo(const QString& symbol) const {
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  return impl_->run(QStringLiteral("symbol '%1'").arg(symbol), [&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const pqxx::row summary = tx.exec_params1(kSymbolSummary, key);
    std::optional<SymbolInfo> info;
    if (summary[2].as<qint64>() == 0) return info;
    info.emplace();
    info->symbol = symbol;
    info->first = parseTimestamp(summary[0], where);
    info->last = parseTimestamp(summary[1], where);
    info->barCount = summary[2].as<qint64>();
    bool known = false;
    info->nativeTimeframe = Impl::storedTimeframe(tx, key, where, &known);
    return info;
  });
}

Bars PostgresDataSource::loadBars(const QString& symbol, const Timeframe& timeframe,
                                  const TimeRange& range, QStringList* warnings) const {
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  return impl_->run(QStringLiteral("loading '%1' at %2").arg(symbol, timeframe.name()), [&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    bool known = false;
    const std::optional<Timeframe> stored = Impl::storedTimeframe(tx, key, where, &known);
    if (!known) throw DataError(QStringLiteral("%1: no bars stored").arg(where).toStdString());
    if (stored && timeframe < *stored)
      throw DataError(QStringLiteral("%1: stored at %2, so %3 bars cannot be made from it")
                          .arg(where, stored->name(), timeframe.name()).toStdString());
    const bool aggregate = !stored || timeframe != *stored;
    pg::BarReader reader(where, aggregate);
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

BarsImportResult PostgresDataSource::importBars(const QString& symbol, const Bars& bars) const {
  const QString where = QStringLiteral("%1: symbol '%2'").arg(describe(), symbol);
  const std::string key = symbolParameter(symbol, where);
  return impl_->run(QStringLiteral("importing '%1'").arg(symbol), [&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec(kImportTable);
    {
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
      }
      stream.complete();
    }
    const pqxx::row counts = tx.exec_params1(kUpsert, key);
    tx.commit();
    BarsImportResult result;
    result.inserted = counts[0].as<qint64>();
    result.updated = counts[1].as<qint64>();
    result.unchanged = bars.size() - result.inserted - result.updated;
    return result;
  });
}

}  // namespace strata
