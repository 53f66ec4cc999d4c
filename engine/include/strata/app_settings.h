#pragma once
// The workbench settings (not the pipeline): where bars come from and how results are cached.
// One YAML file, e.g. resources/configs/strata.yaml; strata-cli --settings and the GUI read it.
// Never a password in it: PostgreSQL uses the PG* variables and ~/.pgpass, Redis reads its
// password from the environment variable named by cache.redis_password_env.
#include "strata/visibility.h"
#include "strata/diagnostic.h"

#include <QString>

#include <optional>
#include <vector>

namespace strata {

enum class BadRowPolicy { Reject, Drop, Repair };

struct STRATA_ENGINE_EXPORT DataSettings {
  QString source = QStringLiteral("csv");  // csv | postgres
  QString csvDir;                          // empty: the bundled data
  BadRowPolicy badRows = BadRowPolicy::Reject;
  QString postgresDsn;                     // libpq connection string or URI, no password
  int connectTimeoutSeconds = 5;
  int statementTimeoutSeconds = 300;       // the server stops a longer statement; 0: its own setting
  int queryTimeoutSeconds = 330;           // the longest wait for one answer of the server
};

struct STRATA_ENGINE_EXPORT CacheSettings {
  bool enabled = true;
  qint64 memoryBytes = 1LL << 30;          // in-process LRU bound
  bool redis = true;                       // false: memory tier only
  QString redisHost = QStringLiteral("127.0.0.1");
  int redisPort = 6379;
  int redisDb = 0;
  QString redisPasswordEnv = QStringLiteral("STRATA_REDIS_PASSWORD");
  int redisCacheTtl = 3600;                // seconds
  bool compress = false;                   // zstd-compress values stored in Redis
  int redisTimeoutMs = 500;                // connect and every command
  int lockWaitSeconds = 120;               // waiting for another process computing the same
                                           // matrix: after this, computed here
};

struct STRATA_ENGINE_EXPORT AppSettings {
  DataSettings data;
  CacheSettings cache;

  /// Unknown keys, wrong types and out-of-range values are errors with file:line:column.
  static std::optional<AppSettings> fromYaml(const QString& text, const QString& fileName,
                                             std::vector<Diagnostic>* errors);
  static std::optional<AppSettings> fromFile(const QString& path, std::vector<Diagnostic>* errors);
  QString toYaml() const;
};

STRATA_ENGINE_EXPORT QString badRowPolicyName(BadRowPolicy policy);

}  // namespace strata
