#pragma once
// Connections to one PostgreSQL database, shared by the threads of one PostgresDataSource.
// A caller borrows a connection for the duration of one operation (a Lease); idle connections
// are kept for the next caller, broken ones are dropped. Every connection speaks UTC, ISO dates,
// UTF-8 and full-precision floats, whatever the server's defaults are, has the server stop a
// statement past data.statement_timeout_s, and uses TCP keepalives and tcp_user_timeout, so a
// peer that went away is noticed (each unless the DSN sets it).
#include "strata/app_settings.h"
#include "strata/data_source.h"

#include <QString>

#include <pqxx/connection>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct pg_cancel;
struct pg_conn;

namespace strata::pg {

/// What to connect to: the libpq conninfo (DSN plus timeouts) and a description for messages
/// ("PostgreSQL strata@127.0.0.1:5432"), never holding a password.
struct ConnectionTarget {
  std::string conninfo;
  QString description;
  int statementTimeoutSeconds = 0;  // set in every session; 0: the server's own setting
};

/// data.postgres_dsn (key=value or URI, may be empty: PG* variables apply) with
/// connect_timeout, keepalives and tcp_user_timeout added unless the DSN sets them. Throws
/// DataError for a DSN libpq cannot parse or one with a password.
ConnectionTarget makeConnectionTarget(const DataSettings& settings);

/// The server could not be reached: the message names it, reason() is libpq's alone.
class ConnectFailure : public SourceFailure {
 public:
  ConnectFailure(const QString& description, const QString& reason)
      : SourceFailure(QStringLiteral("%1: cannot connect: %2").arg(description, reason).toStdString()),
        reason_(reason) {}
  const QString& reason() const { return reason_; }

 private:
  QString reason_;
};

/// A request to cancel the statement running on one backend. Made on the connection's own
/// thread (PQgetCancel must not run while another thread uses the connection), sent from any
/// thread at any time, even once the connection is gone (PQcancel is thread-safe).
class CancelRequest {
 public:
  explicit CancelRequest(pg_cancel* request) : request_(request) {}
  ~CancelRequest();
  CancelRequest(const CancelRequest&) = delete;
  CancelRequest& operator=(const CancelRequest&) = delete;
  /// Connects to the server and asks it; may wait as long as an unresponsive server lets it.
  /// A failure is ignored: QueryWatcher ends the wait on the socket anyway.
  void send() const;

 private:
  pg_cancel* request_;
};

/// A libpqxx connection holding a CancelRequest for its backend, made as it connects.
class Connection final : public pqxx::connection_base {
 public:
  explicit Connection(const std::string& conninfo);
  ~Connection() noexcept;
  std::shared_ptr<const CancelRequest> cancelRequest() const { return cancelRequest_; }
  /// libpq's last error on one line ("server closed the connection unexpectedly"): libpqxx 6.4
  /// reports a connection lost during a statement as "Could not obtain client encoding".
  QString libpqError() const;

 private:
  // libpqxx hands the libpq connection to its connection policy only.
  class Policy final : public pqxx::connect_direct {
   public:
    Policy(const std::string& options, Connection& owner) : connect_direct(options), owner_(owner) {}
    handle do_completeconnect(handle connection) override;
    handle do_dropconnect(handle connection) noexcept override;
    handle do_disconnect(handle connection) noexcept override;

   private:
    Connection& owner_;
  };

  /// Keeps libpq's message when libpqxx drops a broken connection (the message goes with it).
  void dropping(pg_conn* connection) noexcept;

  std::shared_ptr<const CancelRequest> cancelRequest_;
  pg_conn* handle_ = nullptr;  // libpqxx's, while it holds it open
  QString droppedBecause_;
  Policy policy_;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(ConnectionTarget target) : target_(std::move(target)) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection, bool reused)
        : pool_(pool), connection_(std::move(connection)), reused_(reused), sessionReady_(reused) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (!sessionReady_) discard();
      pool_.giveBack(std::move(connection_));
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    /// Taken from the idle connections (it may have died while idle) rather than opened now.
    bool reused() const { return reused_; }
    /// Sets a new connection's session up (time zone, date style, float digits, encoding,
    /// statement timeout) in one round trip; nothing for a reused one. Throws what libpqxx
    /// throws; a connection whose setup failed is closed, never pooled.
    void setUpSession();
    /// Closes the connection instead of returning it to the pool.
    void discard() { connection_.reset(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
    bool reused_;
    bool sessionReady_;
  };

  /// An idle connection or a new one (call setUpSession() before use). Throws SourceFailure
  /// when the server cannot be reached within the connect timeout.
  Lease acquire();
  const ConnectionTarget& target() const { return target_; }

 private:
  void giveBack(std::unique_ptr<Connection> connection);

  ConnectionTarget target_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

/// A libpq/libpqxx message on one line (libpq spreads hints over several, tab-indented).
QString oneLine(const char* message);

}  // namespace strata::pg
