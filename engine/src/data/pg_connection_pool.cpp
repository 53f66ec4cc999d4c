#include "pg_connection_pool.h"

#include "strata/data_source.h"

#include <libpq-fe.h>
#include <pqxx/nontransaction>

#include <map>

namespace strata::pg {
namespace {

// How many idle connections a source keeps; more are opened under load and closed afterwards.
constexpr std::size_t kMaxIdle = 4;

// A peer that stops acknowledging what was sent is dropped after tcp_user_timeout; an idle one
// that went away (host down, network cut) is noticed by keepalives after 30 + 3 x 10 s.
constexpr std::pair<const char*, const char*> kTcpDefaults[] = {
    {"keepalives", "1"}, {"keepalives_idle", "30"}, {"keepalives_interval", "10"},
    {"keepalives_count", "3"}, {"tcp_user_timeout", "60000"}};

using Options = std::map<std::string, std::string>;

/// The keyword=value pairs the DSN sets explicitly (libpq's own parser: URIs and quoting).
Options parseDsn(const std::string& dsn) {
  char* message = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(dsn.c_str(), &message);
  if (!parsed) {
    const QString why = message ? oneLine(message) : QStringLiteral("out of memory");
    PQfreemem(message);
    throw DataError(QStringLiteral("PostgreSQL DSN '%1' is not valid: %2")
                        .arg(QString::fromStdString(dsn), why).toStdString());
  }
  Options options;
  for (const PQconninfoOption* o = parsed; o->keyword; ++o)
    if (o->val) options[o->keyword] = o->val;
  PQconninfoFree(parsed);
  return options;
}

/// libpq's defaults after the PG* variables, for the description only.
Options connectionDefaults() {
  Options options;
  PQconninfoOption* defaults = PQconndefaults();
  if (!defaults) return options;
  for (const PQconninfoOption* o = defaults; o->keyword; ++o)
    if (o->val) options[o->keyword] = o->val;
  PQconninfoFree(defaults);
  return options;
}

bool isUri(const std::string& dsn) {
  return dsn.rfind("postgresql://", 0) == 0 || dsn.rfind("postgres://", 0) == 0;
}

/// `dsn` with `key`=`value` added in its own syntax (a URI's query or one more pair).
void addOption(std::string& dsn, bool uri, const char* key, const std::string& value) {
  if (uri) dsn += dsn.find('?') == std::string::npos ? '?' : '&';
  else if (!dsn.empty()) dsn += ' ';
  dsn.append(key).append(1, '=').append(value);
}

}  // namespace

QString oneLine(const char* message) {
  QString text = QString::fromUtf8(message).simplified();
  while (text.endsWith(u'.')) text.chop(1);
  return text;
}

ConnectionTarget makeConnectionTarget(const DataSettings& settings) {
  const std::string given = settings.postgresDsn.trimmed().toStdString();
  const Options options = parseDsn(given);
  if (options.count("password"))
    throw DataError("PostgreSQL DSN holds a password: use PGPASSWORD or ~/.pgpass instead");

  ConnectionTarget target;
  target.conninfo = given;
  target.statementTimeoutSeconds = settings.statementTimeoutSeconds;
  const bool uri = isUri(given);
  if (!options.count("connect_timeout") && settings.connectTimeoutSeconds > 0)
    addOption(target.conninfo, uri, "connect_timeout", std::to_string(settings.connectTimeoutSeconds));
  for (const auto& [key, value] : kTcpDefaults)
    if (!options.count(key)) addOption(target.conninfo, uri, key, value);

  Options effective = connectionDefaults();
  for (const auto& [key, value] : options) effective[key] = value;
  const auto value = [&](const char* key, const char* fallback) {
    const auto it = effective.find(key);
    return QString::fromStdString(it != effective.end() && !it->second.empty() ? it->second
                                                                               : fallback);
  };
  const QString user = value("user", "");
  target.description = QStringLiteral("PostgreSQL %1@%2:%3")
                           .arg(value("dbname", user.toStdString().c_str()),
                                value("host", "localhost"), value("port", "5432"));
  return target;
}

CancelRequest::~CancelRequest() { PQfreeCancel(request_); }

void CancelRequest::send() const {
  char error[256];
  PQcancel(request_, error, sizeof error);
}

Connection::Connection(const std::string& conninfo)
    : connection_base(policy_), policy_(conninfo, *this) {
  init();
}

Connection::~Connection() noexcept { close(); }

QString Connection::libpqError() const {
  return handle_ ? oneLine(PQerrorMessage(handle_)) : droppedBecause_;
}

void Connection::dropping(pg_conn* connection) noexcept {
  handle_ = nullptr;
  if (!connection || PQstatus(connection) != CONNECTION_BAD) return;
  try {
    droppedBecause_ = oneLine(PQerrorMessage(connection));
  } catch (...) {  // out of memory: the caller has libpqxx's message
  }
}

Connection::Policy::handle Connection::Policy::do_completeconnect(handle connection) {
  connection = connect_direct::do_completeconnect(connection);
  owner_.handle_ = connection;
  if (PGcancel* request = connection ? PQgetCancel(connection) : nullptr)
    owner_.cancelRequest_ = std::make_shared<const CancelRequest>(request);
  return connection;
}

Connection::Policy::handle Connection::Policy::do_dropconnect(handle connection) noexcept {
  owner_.dropping(connection);
  return connect_direct::do_dropconnect(connection);
}

Connection::Policy::handle Connection::Policy::do_disconnect(handle connection) noexcept {
  owner_.dropping(connection);
  return connect_direct::do_disconnect(connection);
}

ConnectionPool::Lease ConnectionPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection), true);
    }
  }
  try {
    return Lease(*this, std::make_unique<Connection>(target_.conninfo), false);
  } catch (const std::exception& e) {
    throw ConnectFailure(target_.description, oneLine(e.what()));
  }
}

void ConnectionPool::Lease::setUpSession() {
  if (sessionReady_) return;
  // What the readers rely on, whatever the server's defaults. The statement timeout also
  // bounds how long an idle transaction may hold its locks when this client stops.
  std::string sql = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET extra_float_digits = 3";
  if (const int seconds = pool_.target_.statementTimeoutSeconds; seconds > 0) {
    const std::string ms = std::to_string(seconds * 1000);
    sql += "; SET statement_timeout = " + ms + "; SET idle_in_transaction_session_timeout = " + ms;
  }
  pqxx::nontransaction session(*connection_);
  session.exec(sql);
  connection_->set_client_encoding("UTF8");
  sessionReady_ = true;
}

void ConnectionPool::giveBack(std::unique_ptr<Connection> connection) {
  if (!connection || !connection->is_open()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

}  // namespace strata::pg
