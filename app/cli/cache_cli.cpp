#include "cache_cli.h"

#include "cli_common.h"

#include <mutex>

namespace strata::cli {

void addCacheOptions(QCommandLineParser& parser, bool addSettingsOption, bool addNoCacheOption) {
  if (addNoCacheOption)
    parser.addOption({QStringLiteral("no-cache"), QStringLiteral("Neither read nor write the feature cache.")});
  if (addSettingsOption)
    parser.addOption({QStringLiteral("settings"),
                      QStringLiteral("Workbench settings YAML (its cache: section; default: built-in defaults)."),
                      QStringLiteral("FILE")});
  parser.addOptions({
      {QStringLiteral("redis-host"), QStringLiteral("Redis host (overrides cache.redis_host)."), QStringLiteral("HOST")},
      {QStringLiteral("redis-port"), QStringLiteral("Redis port (overrides cache.redis_port)."), QStringLiteral("PORT")},
      {QStringLiteral("redis-db"), QStringLiteral("Redis database index (overrides cache.redis_db)."), QStringLiteral("N")},
      {QStringLiteral("ttl"), QStringLiteral("Seconds a cached value lives in Redis (overrides cache.redis_cache_ttl)."),
       QStringLiteral("SECONDS")},
  });
}

std::optional<CacheSettings> cacheSettingsFrom(const QCommandLineParser& parser, int* code) {
  CacheSettings settings;
  if (parser.optionNames().contains(QStringLiteral("settings"))) {
    std::vector<Diagnostic> problems;
    const auto loaded = AppSettings::fromFile(parser.value(QStringLiteral("settings")), &problems);
    if (!loaded) {
      for (const Diagnostic& d : problems) err() << "error: " << d.toString() << '\n';
      *code = kInvalidInput;
      return std::nullopt;
    }
    settings = loaded->cache;
  }
  if (parser.isSet(QStringLiteral("redis-host"))) settings.redisHost = parser.value(QStringLiteral("redis-host"));
  if (!numberOption(parser, QStringLiteral("redis-port"), 1, 65535, &settings.redisPort, code) ||
      !numberOption(parser, QStringLiteral("redis-db"), 0, 1023, &settings.redisDb, code) ||
      !numberOption(parser, QStringLiteral("ttl"), 1, 365 * 24 * 3600, &settings.redisCacheTtl, code))
    return std::nullopt;
  return settings;
}

std::shared_ptr<FeatureCache> makeCliCache(const CacheSettings& settings) {
  auto cache = std::make_shared<FeatureCache>(settings);
  cache->setWarningHandler([](const QString& warning) {
    err() << "warning: cache: " << warning << '\n';
    err().flush();
  });
  return cache;
}

void announceCacheEvents(FeatureCache& cache) {
  cache.setEventHandler([&cache](const CacheEvent& event) {
    static std::mutex stderrMutex;
    const QString name = (event.aligned ? QStringLiteral("aligned ") : QString()) + event.timeframe;
    const QString outcome =
        event.servedFrom != CacheTier::None ? QStringLiteral("cache hit (%1)").arg(cacheTierName(event.servedFrom))
        : !cache.settings().redis          ? QStringLiteral("cache miss (computed; redis off)")
        : cache.redisAvailable()           ? QStringLiteral("cache miss (computed and stored in redis)")
                                           : QStringLiteral("cache miss (computed; redis unavailable, not stored)");
    std::lock_guard lock(stderrMutex);
    err() << name << ": " << outcome << '\n';
    err().flush();
  });
}

}  // namespace strata::cli
