// Times FeatureEngineer::generateMultiTimeframeFeatures (default pipeline) over a CSV directory
// and prints one JSON line: per-run seconds, median, peak RSS, and what loading the base bars
// once costs against asking the source for every timeframe. benchmarks/compare_multitimeframe.py
// runs it sequential and parallel, each in its own process, beside the pandas reference.
#include "bench_support.h"
#include "strata/csv_directory_source.h"
#include "strata/feature_engineer.h"
#include "strata/plugin_registry.h"
#include "strata/resampler.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace strata;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  const QString dir = option(QStringLiteral("--dir"), {});
  const QString symbol = option(QStringLiteral("--symbol"), QStringLiteral("SYN"));
  const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("3")).toInt();
  const int threads = option(QStringLiteral("--threads"), QStringLiteral("2")).toInt();
  const bool parallel = option(QStringLiteral("--mode"), QStringLiteral("parallel")) == u"parallel";
  std::vector<Timeframe> timeframes;
  for (const QString& n : option(QStringLiteral("--timeframes"), QStringLiteral("1m,5m,15m,1h,1d")).split(QLatin1Char(',')))
    if (const auto tf = Timeframe::parse(n)) timeframes.push_back(*tf);
  if (dir.isEmpty() || repeat < 1 || timeframes.empty()) {
    std::fprintf(stderr, "usage: bench_multitimeframe --dir DIR [--symbol S] [--timeframes LIST] "
                         "[--mode parallel|sequential] [--threads N] [--repeat N]\n");
    return 2;
  }
  PluginRegistry registry;
  const std::optional<Pipeline> pipeline = strata::bench::loadPipeline(registry);
  if (!pipeline) return 3;
  auto source = std::make_shared<CsvDirectorySource>(dir, BadRowPolicy::Reject);

  // Loading: the first parse, then base-once-and-resample against one loadBars per timeframe.
  QElapsedTimer timer;
  timer.start();
  const auto info = source->symbolInfo(symbol);
  if (!info) {
    std::fprintf(stderr, "no %s in %s\n", qPrintable(symbol), qPrintable(dir));
    return 3;
  }
  const double parseSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
  timer.restart();
  const Bars base = source->loadBars(symbol, *info->nativeTimeframe, {});
  for (const Timeframe& tf : timeframes)
    if (!(tf == *info->nativeTimeframe)) (void)resample(base, tf);
  const double loadOnceSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
  timer.restart();
  for (const Timeframe& tf : timeframes) (void)source->loadBars(symbol, tf, {});
  const double perTimeframeSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

  const FeatureEngineer engineer(source, *pipeline);
  GenerateOptions options;
  options.parallel = parallel;
  options.threads = threads;
  std::vector<double> seconds;
  std::size_t matrixBytes = 0;
  for (int r = 0; r < repeat; ++r) {
    timer.restart();
    const MultiTimeframeResult result = engineer.generateMultiTimeframeFeatures(symbol, timeframes, 0, options);
    seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
    matrixBytes = 0;
    for (const TimeframeResult& t : result.perTimeframe) {
      if (!t.features) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(t.timeframe.name()), qPrintable(t.error));
        return 1;
      }
      matrixBytes += t.features->matrix.bytes();
    }
  }
  std::printf("{\"engine\": \"strata\", \"mode\": \"%s\", \"threads\": %d, \"rows\": %lld, \"matrices_mb\": %.1f, "
              "\"first_parse_s\": %.4f, \"load_once_and_resample_s\": %.4f, \"load_per_timeframe_s\": %.4f, \"runs\": [",
              parallel ? "parallel" : "sequential", parallel ? threads : 1, static_cast<long long>(info->barCount),
              static_cast<double>(matrixBytes) / 1048576.0, parseSeconds, loadOnceSeconds, perTimeframeSeconds);
  strata::bench::printJsonNumbers(seconds);
  std::printf("], \"median_s\": %.4f, \"peak_rss_mb\": %.1f}\n", strata::bench::median(seconds),
              strata::bench::peakRssMb());
  return 0;
}
