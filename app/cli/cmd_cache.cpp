// strata-cli cache: what Strata keeps in Redis, and removing it (only Strata's keys).
#include "cache_cli.h"
#include "cli_common.h"
#include "strata/data_source.h"

#include <QLocale>

namespace strata::cli {

int runCache(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Inspect or empty the feature cache in Redis.\n"
      "  stats               Strata's values, chunks, locks and bytes in the Redis database\n"
      "  clear [--symbol S]  delete Strata's keys (all, or one symbol's) with SCAN + UNLINK;\n"
      "                      other keys in the database are never touched (no FLUSHDB)"));
  parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("stats | clear"));
  parser.addOption({QStringLiteral("symbol"), QStringLiteral("With clear: only this symbol's matrices."),
                    QStringLiteral("S")});
  addCacheOptions(parser);
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  const QStringList positional = parser.positionalArguments();
  const QString action = positional.value(0);
  if (positional.size() != 1 || (action != u"stats" && action != u"clear")) {
    err() << "strata-cli cache: say 'stats' or 'clear'\n\n" << parser.helpText();
    return kUsage;
  }
  if (parser.isSet(QStringLiteral("symbol")) && action != u"clear") {
    err() << "strata-cli cache: --symbol goes with 'clear'\n";
    return kUsage;
  }
  if (parser.isSet(QStringLiteral("symbol"))) {
    if (const QString problem = symbolProblem(parser.value(QStringLiteral("symbol"))); !problem.isEmpty()) {
      err() << "strata-cli cache: --symbol: " << problem << '\n';
      return kUsage;
    }
  }
  std::optional<CacheSettings> settings = cacheSettingsFrom(parser, &code);
  if (!settings) return code;
  if (!settings->redis) {
    err() << "strata-cli cache: redis is off in the settings (cache.redis: false); nothing to show\n";
    return kUsage;
  }
  settings->enabled = true;
  std::shared_ptr<FeatureCache> cache = makeCliCache(*settings);
  QString error;
  const QString where = QStringLiteral("redis %1:%2 db %3").arg(settings->redisHost).arg(settings->redisPort).arg(settings->redisDb);

  if (action == u"clear") {
    const QString symbol = parser.isSet(QStringLiteral("symbol")) ? parser.value(QStringLiteral("symbol")) : QString();
    const qint64 removed = cache->clear(symbol, &error);
    if (removed < 0) {
      err() << "error: cannot clear the cache: " << error << '\n';
      return kFailure;
    }
    out() << "removed " << removed << " keys from " << where
          << (symbol.isNull() ? QString() : QStringLiteral(" (symbol %1)").arg(symbol)) << '\n';
    return kOk;
  }
  const std::optional<RedisUsage> usage = cache->redisUsage(&error);
  if (!usage) {
    err() << "error: cannot read the cache: " << error << '\n';
    return kFailure;
  }
  out() << where << " (keys " << FeatureCache::keyPrefix() << "*)\n"
        << "values: " << usage->values << '\n'
        << "chunks: " << usage->chunks << '\n'
        << "locks:  " << usage->locks << '\n'
        << "bytes:  " << usage->bytes << " ("
        << QLocale::c().formattedDataSize(usage->bytes, 1, QLocale::DataSizeTraditionalFormat) << ")\n"
        << "ttl:    " << settings->redisCacheTtl << " s for new values\n";
  return kOk;
}

}  // namespace strata::cli
