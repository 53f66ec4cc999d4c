#pragma once
// Where bars come from. Implementations: a CSV directory (the embedded default, no server) and
// PostgreSQL/TimescaleDB. Every method may be called from worker threads, concurrently: an
// implementation that holds a connection serialises or pools it internally, never the caller.
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/timeframe.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <stdexcept>

namespace strata {

/// A source could not answer (file unreadable, server down, bad rows under policy reject).
/// The message names what and where ("data/AAPL.csv:17: high 9.5 below close 10.1",
/// "postgres://host:5432/db: connection refused").
class STRATA_ENGINE_EXPORT DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The source's server failed the work, not the data: it could not be reached, the connection
/// was lost, a statement went unanswered past its bound or was stopped by the server's timeout,
/// the run was cancelled while waiting on it, or the server reported an error of its own.
/// strata-cli exits 1 (the work failed) for it, 3 (invalid input) for any other DataError.
class STRATA_ENGINE_EXPORT SourceFailure : public DataError {
 public:
  using DataError::DataError;
};

/// Why `symbol` cannot name a series, empty when it can: it is empty, or holds a control
/// character (NUL, tab, a line break, DEL, C1) or a Unicode line or paragraph separator, which
/// would break every line and file name the symbol is printed in. The symbol is shown escaped.
STRATA_ENGINE_EXPORT QString symbolProblem(const QString& symbol);

/// Half-open [from, to) in UTC microseconds; an unset end is open.
struct STRATA_ENGINE_EXPORT TimeRange {
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
};

struct STRATA_ENGINE_EXPORT SymbolInfo {
  QString symbol;
  Timestamp first = 0;   // first bar's timestamp
  Timestamp last = 0;    // last bar's timestamp
  qint64 barCount = 0;
  std::optional<Timeframe> nativeTimeframe;  // the stored bars' own timeframe
};

class STRATA_ENGINE_EXPORT DataSource {
 public:
  virtual ~DataSource() = default;
  /// For messages and the status bar: "CSV directory /path", "PostgreSQL db@host:port".
  virtual QString describe() const = 0;
  virtual QStringList listSymbols() const = 0;
  virtual std::optional<SymbolInfo> symbolInfo(const QString& symbol) const = 0;
  /// Bars of `symbol` at `timeframe` within `range`, sorted, unique timestamps. Coarser
  /// timeframes than the stored ones are aggregated (engine resampler or SQL, identical
  /// results). Non-fatal problems go to `warnings` when given. Throws DataError.
  virtual Bars loadBars(const QString& symbol, const Timeframe& timeframe, const TimeRange& range,
                        QStringList* warnings = nullptr) const = 0;
};

}  // namespace strata
