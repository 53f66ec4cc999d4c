// Times the whole default pipeline (features, target, normalisation) on a bars CSV and prints one
// JSON line: rows, columns, per-run seconds, median, peak RSS. benchmarks/compare_pipeline.py runs
// it side by side with the pandas reference on the same file.
#include "bench_support.h"
#include "strata/csv_bars.h"
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace strata;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  const QString data = option(QStringLiteral("--data"), {});
  const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("5")).toInt();
  const int threads = option(QStringLiteral("--threads"), QStringLiteral("0")).toInt();
  const QString configPath = option(QStringLiteral("--config"), {});
  if (data.isEmpty() || repeat < 1) {
    std::fprintf(stderr, "usage: bench_pipeline --data BARS.csv [--config FILE] [--repeat N] [--threads N]\n");
    return 2;
  }

  PluginRegistry registry;
  const std::optional<Pipeline> pipeline = strata::bench::loadPipeline(registry, configPath);
  if (!pipeline) return 3;
  CsvReadResult read = readBarsCsv(data);
  if (!read.bars) {
    std::fprintf(stderr, "cannot read %s\n", qPrintable(data));
    return 3;
  }

  RunOptions options;
  options.threads = threads;
  std::vector<double> seconds;
  Eigen::Index rows = 0, cols = 0;
  std::size_t matrixBytes = 0;
  QString precision;
  for (int r = 0; r < repeat; ++r) {
    QElapsedTimer timer;
    timer.start();
    FeatureSet features = pipeline->run(*read.bars, options);
    seconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
    rows = features.matrix.rows();
    cols = features.matrix.cols();
    matrixBytes = features.matrix.bytes();
    precision = strata::precisionName(features.matrix.precision());
  }
  const double matrixMb = static_cast<double>(matrixBytes) / 1048576.0;
  std::printf("{\"engine\": \"strata\", \"precision\": \"%s\", \"rows\": %lld, \"columns\": %lld, \"runs\": [",
              qPrintable(precision), static_cast<long long>(rows), static_cast<long long>(cols));
  strata::bench::printJsonNumbers(seconds);
  std::printf("], \"median_s\": %.4f, \"peak_rss_mb\": %.1f, \"matrix_mb\": %.1f}\n",
              strata::bench::median(seconds), strata::bench::peakRssMb(), matrixMb);
  return 0;
}
