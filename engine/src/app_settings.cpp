#include "strata/app_settings.h"

#include "strata/bounded_read.h"
#include "yaml_load.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <set>

namespace strata {
namespace {

struct Reader {
  QString file;
  std::vector<Diagnostic>* errors;
  bool ok = true;

  void fail(const YAML::Node& node, const QString& key, const QString& message) {
    ok = false;
    if (!errors) return;
    errors->push_back({sourceLocation(file, node.Mark()), key, message});
  }
  QString text(const YAML::Node& n, const QString& key) {
    if (!n.IsScalar()) {
      fail(n, key, QStringLiteral("expected text"));
      return {};
    }
    return QString::fromStdString(n.Scalar());
  }
  template <typename T>
  T number(const YAML::Node& n, const QString& key, T min, T max, T fallback) {
    T value{};
    if (!n.IsScalar() || !YAML::convert<T>::decode(n, value)) {
      fail(n, key, QStringLiteral("expected a whole number"));
      return fallback;
    }
    if (value < min || value > max) {
      fail(n, key, QStringLiteral("%1 is outside [%2, %3]").arg(value).arg(min).arg(max));
      return fallback;
    }
    return value;
  }
  bool flag(const YAML::Node& n, const QString& key) {
    bool value = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, value))
      fail(n, key, QStringLiteral("expected true or false"));
    return value;
  }
  using Handlers = std::map<std::string, std::function<void(const YAML::Node&, const QString&)>>;
  void section(const YAML::Node& map, const QString& name, const Handlers& handlers) {
    if (!map.IsMap()) {
      fail(map, name, QStringLiteral("expected a mapping"));
      return;
    }
    std::set<std::string> seen;
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      const QString path = name + QLatin1Char('.') + QString::fromStdString(key);
      if (!seen.insert(key).second) {  // else the later one would silently win
        fail(kv.first, path,
             QStringLiteral("'%1' is given twice").arg(QString::fromStdString(key)));
        continue;
      }
      auto it = handlers.find(key);
      if (it == handlers.end()) {
        QStringList known;
        for (const auto& h : handlers) known << QString::fromStdString(h.first);
        fail(kv.first, path, QStringLiteral("unknown key (known: %1)").arg(known.join(QStringLiteral(", "))));
        continue;
      }
      it->second(kv.second, path);
    }
  }
};

}  // namespace

QString badRowPolicyName(BadRowPolicy policy) {
  switch (policy) {
    case BadRowPolicy::Reject: return QStringLiteral("reject");
    case BadRowPolicy::Drop: return QStringLiteral("drop");
    case BadRowPolicy::Repair: return QStringLiteral("repair");
  }
  return {};
}

std::optional<AppSettings> AppSettings::fromYaml(const QString& text, const QString& fileName,
                                                 std::vector<Diagnostic>* errors) {
  Reader r{fileName, errors};
  const auto refuse = [&](const YAML::Mark& mark, const QString& message) {
    if (errors) errors->push_back({sourceLocation(fileName, mark), {}, message});
    return std::nullopt;
  };
  YamlDocument document;
  try {
    document = loadYaml(text.toStdString());
  } catch (const YAML::Exception& e) {
    return refuse(e.mark, yamlProblem(e));
  }
  if (!document.laterDocuments.empty())
    return refuse(document.laterDocuments.front(),
                  QStringLiteral("a settings file holds one YAML document; a second starts here"));
  const YAML::Node& root = document.root;
  AppSettings s;
  if (!root || root.IsNull()) return s;
  DataSettings& d = s.data;
  CacheSettings& c = s.cache;
  r.section(root, QStringLiteral("settings"), {
    {"data", [&](const YAML::Node& n, const QString&) {
      r.section(n, QStringLiteral("data"), {
        {"source", [&](const YAML::Node& v, const QString& k) {
          d.source = r.text(v, k);
          if (r.ok && d.source != u"csv" && d.source != u"postgres")
            r.fail(v, k, QStringLiteral("'%1' is not csv or postgres").arg(d.source));
        }},
        {"csv_dir", [&](const YAML::Node& v, const QString& k) { d.csvDir = r.text(v, k); }},
        {"bad_rows", [&](const YAML::Node& v, const QString& k) {
          const QString p = r.text(v, k);
          if (p == u"reject") d.badRows = BadRowPolicy::Reject;
          else if (p == u"drop") d.badRows = BadRowPolicy::Drop;
          else if (p == u"repair") d.badRows = BadRowPolicy::Repair;
          else r.fail(v, k, QStringLiteral("'%1' is not reject, drop or repair").arg(p));
        }},
        {"postgres_dsn", [&](const YAML::Node& v, const QString& k) {
          d.postgresDsn = r.text(v, k);
          if (d.postgresDsn.contains(QLatin1String("password"), Qt::CaseInsensitive))
            r.fail(v, k, QStringLiteral("never put a password here; use PGPASSWORD or ~/.pgpass"));
        }},
        {"connect_timeout_s", [&](const YAML::Node& v, const QString& k) {
          d.connectTimeoutSeconds = r.number(v, k, 1, 600, 5);
        }},
        {"statement_timeout_s", [&](const YAML::Node& v, const QString& k) {
          d.statementTimeoutSeconds = r.number(v, k, 0, 86400, 300);
        }},
        {"query_timeout_s", [&](const YAML::Node& v, const QString& k) {
          d.queryTimeoutSeconds = r.number(v, k, 1, 86400, 330);
        }},
      });
    }},
    {"cache", [&](const YAML::Node& n, const QString&) {
      r.section(n, QStringLiteral("cache"), {
        {"enabled", [&](const YAML::Node& v, const QString& k) { c.enabled = r.flag(v, k); }},
        {"memory_bytes", [&](const YAML::Node& v, const QString& k) {
          c.memoryBytes = r.number<qint64>(v, k, 0, 1LL << 50, c.memoryBytes);
        }},
        {"redis", [&](const YAML::Node& v, const QString& k) { c.redis = r.flag(v, k); }},
        {"redis_host", [&](const YAML::Node& v, const QString& k) { c.redisHost = r.text(v, k); }},
        {"redis_port", [&](const YAML::Node& v, const QString& k) { c.redisPort = r.number(v, k, 1, 65535, 6379); }},
        {"redis_db", [&](const YAML::Node& v, const QString& k) { c.redisDb = r.number(v, k, 0, 1023, 0); }},
        {"redis_password_env", [&](const YAML::Node& v, const QString& k) { c.redisPasswordEnv = r.text(v, k); }},
        {"redis_cache_ttl", [&](const YAML::Node& v, const QString& k) {
          c.redisCacheTtl = r.number(v, k, 1, 365 * 24 * 3600, 3600);
        }},
        {"compress", [&](const YAML::Node& v, const QString& k) { c.compress = r.flag(v, k); }},
        {"timeout_ms", [&](const YAML::Node& v, const QString& k) { c.redisTimeoutMs = r.number(v, k, 1, 600000, 500); }},
        {"lock_wait_s", [&](const YAML::Node& v, const QString& k) { c.lockWaitSeconds = r.number(v, k, 1, 86400, 120); }},
      });
    }},
  });
  if (!r.ok) return std::nullopt;
  return s;
}

std::optional<AppSettings> AppSettings::fromFile(const QString& path, std::vector<Diagnostic>* errors) {
  QString problem;
  const std::optional<QByteArray> bytes = readBounded(path, {}, &problem);
  if (!bytes) {
    if (errors) errors->push_back({{path, 0, 0}, {}, problem});
    return std::nullopt;
  }
  return fromYaml(QString::fromUtf8(*bytes), path, errors);
}

QString AppSettings::toYaml() const {
  YAML::Emitter e;
  e << YAML::BeginMap << YAML::Key << "data" << YAML::Value << YAML::BeginMap
    << YAML::Key << "source" << YAML::Value << data.source.toStdString()
    << YAML::Key << "csv_dir" << YAML::Value << data.csvDir.toStdString()
    << YAML::Key << "bad_rows" << YAML::Value << badRowPolicyName(data.badRows).toStdString()
    << YAML::Key << "postgres_dsn" << YAML::Value << data.postgresDsn.toStdString()
    << YAML::Key << "connect_timeout_s" << YAML::Value << data.connectTimeoutSeconds
    << YAML::Key << "statement_timeout_s" << YAML::Value << data.statementTimeoutSeconds
    << YAML::Key << "query_timeout_s" << YAML::Value << data.queryTimeoutSeconds
    << YAML::EndMap << YAML::Key << "cache" << YAML::Value << YAML::BeginMap
    << YAML::Key << "enabled" << YAML::Value << cache.enabled
    << YAML::Key << "memory_bytes" << YAML::Value << cache.memoryBytes
    << YAML::Key << "redis" << YAML::Value << cache.redis
    << YAML::Key << "redis_host" << YAML::Value << cache.redisHost.toStdString()
    << YAML::Key << "redis_port" << YAML::Value << cache.redisPort
    << YAML::Key << "redis_db" << YAML::Value << cache.redisDb
    << YAML::Key << "redis_password_env" << YAML::Value << cache.redisPasswordEnv.toStdString()
    << YAML::Key << "redis_cache_ttl" << YAML::Value << cache.redisCacheTtl
    << YAML::Key << "compress" << YAML::Value << cache.compress
    << YAML::Key << "timeout_ms" << YAML::Value << cache.redisTimeoutMs
    << YAML::Key << "lock_wait_s" << YAML::Value << cache.lockWaitSeconds
    << YAML::EndMap << YAML::EndMap;
  return QString::fromUtf8(e.c_str()) + QLatin1Char('\n');
}

}  // namespace strata
