// bench_cancel: how soon FeatureEngineer::generateMultiTimeframeFeatures returns after its cancel
// flag is set (GenerateOptions::cancel promises 100 ms), while the base bars load from a large
// CSV and while the default pipeline computes 1m and 5m features. Prints one JSON line.
//   build/bin/bench_cancel [--rows 150000] [--repeat 5] [--threads 2] [--max-ms 100]
// With --max-ms the exit code is 1 when the slowest return took longer (a check to run by hand
// or in a benchmark job on a quiet machine: test_feature_engineer checks only that it stops).
#include "bench_support.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"
#include "strata/feature_engineer.h"
#include "strata/synthetic.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

using namespace strata;

namespace {

// Milliseconds from setting the cancel flag to the run returning, cancelled `whileLoading` (30 ms
// after the start, inside the CSV parse) or once the first column is computed. Negative: the run
// was not cancelled (it returned features).
double cancelLatencyMs(const FeatureEngineer& engineer, bool whileLoading, int threads) {
  std::atomic_bool cancel{false}, computing{false};
  GenerateOptions options;
  options.threads = threads;
  options.cancel = &cancel;
  options.progress = [&](const JobProgress& p) {
    if (p.stage == JobStage::Computing && p.done > 0) computing = true;
  };
  const std::vector<Timeframe> timeframes{*Timeframe::parse(QStringLiteral("1m")), *Timeframe::parse(QStringLiteral("5m"))};
  std::future<MultiTimeframeResult> running = std::async(std::launch::async, [&] {
    return engineer.generateMultiTimeframeFeatures(QStringLiteral("BIG"), timeframes, 0, options);
  });
  if (whileLoading) std::this_thread::sleep_for(std::chrono::milliseconds(30));
  else
    while (!computing) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  QElapsedTimer latency;
  latency.start();
  cancel = true;
  const MultiTimeframeResult result = running.get();
  const double ms = double(latency.nsecsElapsed()) / 1e6;
  for (const TimeframeResult& t : result.perTimeframe)
    if (t.features) return -1;
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  const int repeat = std::max(1, option(QStringLiteral("--repeat"), QStringLiteral("5")).toInt());
  const int threads = option(QStringLiteral("--threads"), QStringLiteral("2")).toInt();
  const double maxMs = option(QStringLiteral("--max-ms"), QStringLiteral("0")).toDouble();
  SyntheticSpec spec;
  spec.rows = option(QStringLiteral("--rows"), QStringLiteral("150000")).toLongLong();

  PluginRegistry registry;
  const std::optional<Pipeline> pipeline = strata::bench::loadPipeline(registry);
  if (!pipeline) return 3;
  QTemporaryDir dir;
  if (const QString problem = writeBarsCsv(synthesizeBars(spec), dir.filePath(QStringLiteral("BIG.csv")));
      !problem.isEmpty()) {
    std::fprintf(stderr, "bench_cancel: %s\n", qPrintable(problem));
    return 1;
  }
  std::vector<double> loading, computing;
  for (int r = 0; r < repeat; ++r) {
    // A fresh source each time: a source keeps what it parsed, and loading must parse again.
    for (bool whileLoading : {true, false}) {
      const FeatureEngineer engineer(std::make_shared<CsvDirectorySource>(dir.path(), BadRowPolicy::Reject), *pipeline);
      const double ms = cancelLatencyMs(engineer, whileLoading, threads);
      if (ms < 0) {
        std::fprintf(stderr, "bench_cancel: the run %s was not cancelled\n", whileLoading ? "loading" : "computing");
        return 1;
      }
      (whileLoading ? loading : computing).push_back(ms);
    }
  }
  std::printf("{\"rows\": %lld, \"threads\": %d, \"cancel_while_loading_ms\": [", static_cast<long long>(spec.rows), threads);
  strata::bench::printJsonNumbers(loading);
  std::printf("], \"cancel_while_computing_ms\": [");
  strata::bench::printJsonNumbers(computing);
  const double slowest = std::max(*std::max_element(loading.begin(), loading.end()),
                                  *std::max_element(computing.begin(), computing.end()));
  std::printf("], \"median_loading_ms\": %.1f, \"median_computing_ms\": %.1f, \"max_ms\": %.1f}\n",
              strata::bench::median(loading), strata::bench::median(computing), slowest);
  if (maxMs > 0 && slowest > maxMs) {
    std::fprintf(stderr, "bench_cancel: a run returned %.1f ms after its cancel, more than %.0f ms\n", slowest, maxMs);
    return 1;
  }
  return 0;
}
