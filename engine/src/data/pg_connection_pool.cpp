#include "pg_connection_pool.h"

#include "strata/data_source.h"

#include <libpq-fe.h>

#include <map>

namespace strata::pg {
namespace {

// How many idle connections a source keeps; more are opened under load and closed afterwards.
constexpr std::size_t kMaxIdle = 4;

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

}  // namespace

QString oneLine(const char* message) {
  QString text = QString::fromUtf8(message).simplified();
  while (text.endsWith(u'.')) text.chop(1);
  return text;
}

ConnectionTarget makeConnectionTarget(const QString& dsn, int connectTimeoutSeconds) {
  const std::string given = dsn.trimmed().toStdString();
  const Options options = parseDsn(given);
  if (options.count("password"))
    throw DataError("PostgreSQL DSN holds a password: use PGPASSWORD or ~/.pgpass instead");

  ConnectionTarget target;
  target.conninfo = given;
  if (!options.count("connect_timeout") && connectTimeoutSeconds > 0) {
    const std::string timeout = std::to_string(connectTimeoutSeconds);
    if (isUri(given))
      target.conninfo += (given.find('?') == std::string::npos ? "?" : "&") +
                         std::string("connect_timeout=") + timeout;
    else
      target.conninfo += (given.empty() ? "" : " ") + std::string("connect_timeout=") + timeout;
  }

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
    auto connection = std::make_unique<pqxx::connection>(target_.conninfo);
    // Replayed by libpqxx if it ever reconnects: what the readers below rely on.
    connection->set_variable("TimeZone", "'UTC'");
    connection->set_variable("DateStyle", "'ISO'");
    connection->set_variable("extra_float_digits", "3");
    connection->set_client_encoding("UTF8");
    return Lease(*this, std::move(connection), false);
  } catch (const std::exception& e) {
    throw DataError(QStringLiteral("%1: cannot connect: %2")
                        .arg(target_.description, oneLine(e.what())).toStdString());
  }
}

void ConnectionPool::giveBack(std::unique_ptr<pqxx::connection> connection) {
  if (!connection || !connection->is_open()) return;
  std::lock_guard lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

}  // namespace strata::pg
