// Feature cache benchmark: the default pipeline on seeded synthetic 1m bars, recomputed vs
// served from the memory tier vs served from Redis (a fresh cache each run, so every byte
// crosses loopback and is checked and decoded). Prints one JSON line per measurement;
// benchmarks/cache.sh runs it beside redis-benchmark against a private redis-server.
#include "bench_support.h"
#include "strata/feature_cache.h"
#include "strata/fingerprint.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace strata;

namespace {

void report(const char* what, const std::vector<double>& seconds, double bytes) {
  std::printf("{\"what\": \"%s\", \"median_s\": %.6f, \"runs_s\": [", what, strata::bench::median(seconds));
  for (std::size_t i = 0; i < seconds.size(); ++i) std::printf("%s%.6f", i ? ", " : "", seconds[i]);
  std::printf("], \"bytes\": %.0f, \"gb_per_s\": %.3f}\n", bytes, bytes / strata::bench::median(seconds) / 1e9);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  const int rows = option(QStringLiteral("--rows"), QStringLiteral("525600")).toInt();
  const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("5")).toInt();
  const int port = option(QStringLiteral("--redis-port"), QStringLiteral("0")).toInt();
  const bool compress = option.has(QStringLiteral("--compress"));
  const qint64 chunkKib = option(QStringLiteral("--chunk-kib"), QStringLiteral("0")).toLongLong();
  if (rows < 1 || repeat < 1 || port < 1) {
    std::fprintf(stderr, "usage: bench_cache --redis-port P [--rows N] [--repeat N] [--compress] [--chunk-kib N] [--reads-only]\n");
    return 2;
  }
  PluginRegistry registry;
  const std::optional<Pipeline> pipeline = strata::bench::loadPipeline(registry);
  if (!pipeline) return 3;
  SyntheticSpec spec;
  spec.rows = rows;
  const Bars bars = synthesizeBars(spec);
  FeatureRequest request;
  request.symbol = QStringLiteral("SYNTH");
  request.pipeline = &*pipeline;
  request.input = fingerprint(bars);

  CacheSettings settings;
  settings.redisPort = port;
  settings.redisTimeoutMs = 5000;
  settings.memoryBytes = qint64{16} << 30;
  FeatureCacheOptions options;
  options.compress = compress;
  if (chunkKib > 0) options.chunkBytes = chunkKib << 10;

  std::vector<double> compute, memoryHit, redisHit;
  SharedFeatureSet stored;
  if (option.has(QStringLiteral("--reads-only"))) {
    // Profiling the read path alone: the value must already be in Redis from a full run.
    for (int r = 0; r < repeat; ++r) {
      settings.memoryBytes = 0;
      FeatureCache fresh(settings, options);
      QElapsedTimer timer;
      timer.start();
      SharedFeatureSet got = fresh.getFrame(request);
      redisHit.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
      if (!got) return 1;
      if (r + 1 == repeat) report("redis hit", redisHit, static_cast<double>(got->matrix.bytes()));
    }
    return 0;
  }
  {
    FeatureCache cache(settings, options);
    cache.clear(request.symbol);
    for (int r = 0; r < repeat; ++r) {
      QElapsedTimer timer;
      timer.start();
      FeatureSet features = pipeline->run(bars);
      compute.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
      if (r + 1 == repeat) stored = std::make_shared<const FeatureSet>(std::move(features));
    }
    const double bytes = static_cast<double>(stored->matrix.bytes());
    report("recompute", compute, bytes);
    QElapsedTimer timer;
    timer.start();
    cache.setFrame(request, stored);
    report(compress ? "redis store (zstd)" : "redis store", {static_cast<double>(timer.nsecsElapsed()) / 1e9}, bytes);
    for (int r = 0; r < repeat; ++r) {
      timer.restart();
      bool hit = false;
      SharedFeatureSet again = cache.getOrCompute(request, [] { return FeatureSet(); }, &hit);
      memoryHit.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
      if (!hit || again != stored) return 1;
    }
    report("memory hit", memoryHit, bytes);
  }
  const qint64 columns = stored->matrix.cols();
  const double bytes = static_cast<double>(stored->matrix.bytes());
  stored.reset();  // only one matrix alive while reading back
  settings.memoryBytes = 0;
  std::vector<double> transfer, decode;
  for (int r = 0; r < repeat; ++r) {
    FeatureCache fresh(settings, options);
    QElapsedTimer timer;
    timer.start();
    CacheTier tier = CacheTier::None;
    SharedFeatureSet got = fresh.getFrame(request, &tier);
    redisHit.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
    if (!got || tier != CacheTier::Redis || got->matrix.cols() != columns) {
      std::fprintf(stderr, "redis read failed: %s\n", qPrintable(fresh.warnings().join(u'\n')));
      return 1;
    }
    transfer.push_back(static_cast<double>(fresh.stats().transferNanos) / 1e9);
    decode.push_back(static_cast<double>(fresh.stats().decodeNanos) / 1e9);
  }
  report("redis hit: transfer part (GET replies)", transfer, bytes);
  report("redis hit: decode part (checksum, copy into the new matrix)", decode, bytes);
  report(compress ? "redis hit (zstd)" : "redis hit", redisHit, bytes);
  std::printf("{\"rows\": %d, \"columns\": %lld, \"recompute_over_redis_hit\": %.2f}\n", rows,
              static_cast<long long>(columns), strata::bench::median(compute) / strata::bench::median(redisHit));
  return 0;
}
