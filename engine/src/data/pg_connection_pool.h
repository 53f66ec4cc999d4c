#pragma once
// Connections to one PostgreSQL database, shared by the threads of one PostgresDataSource.
// A caller borrows a connection for the duration of one operation (a Lease); idle connections
// are kept for the next caller, broken ones are dropped. Every connection speaks UTC, ISO dates,
// UTF-8 and full-precision floats, whatever the server's defaults are.
#include <QString>

#include <pqxx/connection>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace strata::pg {

/// What to connect to: the libpq conninfo (DSN plus connect_timeout) and a description for
/// messages ("PostgreSQL strata@127.0.0.1:5432"), never holding a password.
struct ConnectionTarget {
  std::string conninfo;
  QString description;
};

/// The DSN (key=value or URI, may be empty: PG* variables apply) with connect_timeout added
/// unless the DSN sets it. Throws DataError for a DSN libpq cannot parse or one with a password.
ConnectionTarget makeConnectionTarget(const QString& dsn, int connectTimeoutSeconds);

class ConnectionPool {
 public:
  explicit ConnectionPool(ConnectionTarget target) : target_(std::move(target)) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection, bool reused)
        : pool_(pool), connection_(std::move(connection)), reused_(reused) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.giveBack(std::move(connection_)); }
    pqxx::connection& operator*() const { return *connection_; }
    pqxx::connection* operator->() const { return connection_.get(); }
    /// Taken from the idle connections (it may have died while idle) rather than opened now.
    bool reused() const { return reused_; }
    /// Closes the connection instead of returning it to the pool.
    void discard() { connection_.reset(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool reused_;
  };

  /// An idle connection or a new one. Throws DataError when the server cannot be reached
  /// within the connect timeout.
  Lease acquire();
  const ConnectionTarget& target() const { return target_; }

 private:
  void giveBack(std::unique_ptr<pqxx::connection> connection);

  ConnectionTarget target_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
};

/// A libpq/libpqxx message on one line (libpq spreads hints over several, tab-indented).
QString oneLine(const char* message);

}  // namespace strata::pg
