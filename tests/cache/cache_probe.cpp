// A second process for the cross-process tests: asks a FeatureCache on a Redis port for one
// key and prints what happened ("computed", "hit redis", ...). With --die-while-computing it
// takes the lock and dies with SIGKILL mid-computation, as a crashed holder would.
#include "sample_features.h"
#include "strata/feature_cache.h"

#include <QCoreApplication>
#include <QThread>

#include <signal.h>
#include <unistd.h>

#include <cstdio>

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  if (args.size() < 5) {
    std::fprintf(stderr, "usage: cache_probe PORT SYMBOL COMPUTE_MS LOCK_TTL_MS [--die-while-computing]\n");
    return 2;
  }
  strata::CacheSettings settings;
  settings.redisPort = args[1].toInt();
  settings.redisTimeoutMs = 2000;
  strata::FeatureCacheOptions options;
  options.lockTtlMs = args[4].toInt();
  options.chunkBytes = 4096;  // several chunks: readers must never see half of them
  strata::FeatureCache cache(settings, options);
  cache.setWarningHandler([](const QString& w) { std::fprintf(stderr, "warning: %s\n", qPrintable(w)); });

  strata::FeatureRequest request;
  request.symbol = args[2];
  request.input.count = 42;
  const int computeMs = args[3].toInt();
  const bool die = args.contains(QStringLiteral("--die-while-computing"));
  strata::CacheTier tier = strata::CacheTier::None;
  bool computed = false;
  strata::SharedFeatureSet value = cache.getOrCompute(
      request,
      [&] {
        computed = true;
        std::printf("computing\n");
        std::fflush(stdout);
        if (die) ::kill(::getpid(), SIGKILL);
        QThread::msleep(static_cast<unsigned long>(computeMs));
        return strata::test::sampleFeatures(300, 4, 9);
      },
      &tier);
  if (!value || value->matrix.rows() != 300) return 1;
  std::printf("%s\n", computed ? "computed" : qPrintable(QStringLiteral("hit ") + strata::cacheTierName(tier)));
  return 0;
}
