// Times Strata's CSV and Parquet exports of the default pipeline's matrix on seeded synthetic 1m
// bars, and dumps that matrix (raw little-endian arrays) so benchmarks/compare_export.py can hand
// the very same numbers to pandas (to_csv) and DuckDB (COPY ... TO ... (FORMAT parquet)).
// Prints one JSON line: rows, columns, and per format the run seconds, median and file size.
#include "bench_support.h"
#include "strata/export.h"
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace strata;

namespace {

QJsonObject timeExport(const FeatureSet& features, const QString& path, const ExportOptions& options, int repeat) {
  std::vector<double> runs;
  for (int r = 0; r < repeat; ++r) {
    QElapsedTimer timer;
    timer.start();
    writeFeatureFile(features, path, options);
    runs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e9);
  }
  QJsonArray list;
  for (double s : runs) list.append(s);
  return {{"runs", list}, {"median_s", strata::bench::median(runs)}, {"bytes", QFileInfo(path).size()}, {"path", path}};
}

void dump(const QString& path, const void* data, qint64 bytes) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(static_cast<const char*>(data), bytes) != bytes)
    std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const strata::bench::Options option(app.arguments());
  const qint64 rows = option(QStringLiteral("--rows"), QStringLiteral("131400")).toLongLong();
  const int repeat = option(QStringLiteral("--repeat"), QStringLiteral("3")).toInt();
  const QString dir = option(QStringLiteral("--dir"), {});
  if (dir.isEmpty() || rows < 1 || repeat < 1) {
    std::fprintf(stderr, "usage: bench_export --dir DIR [--rows N] [--repeat N]\n");
    return 2;
  }
  QDir().mkpath(dir);
  PluginRegistry registry;
  const std::optional<Pipeline> pipeline = strata::bench::loadPipeline(registry);
  if (!pipeline) return 3;
  SyntheticSpec spec;
  spec.rows = rows;
  const Bars bars = synthesizeBars(spec);
  const FeatureSet features = pipeline->run(bars);

  const QDir out(dir);
  ExportOptions csv;
  csv.format = ExportFormat::Csv;
  ExportOptions zstd;
  ExportOptions snappy;
  snappy.compression = ParquetCompression::Snappy;
  const QJsonObject result{
      {"rows", rows},
      {"columns", static_cast<qint64>(features.matrix.cols() + 2)},
      {"csv", timeExport(features, out.filePath("strata.csv"), csv, repeat)},
      {"parquet_zstd", timeExport(features, out.filePath("strata.zstd.parquet"), zstd, repeat)},
      {"parquet_snappy", timeExport(features, out.filePath("strata.snappy.parquet"), snappy, repeat)},
  };
  // The same matrix for the other side: column-major float64, timestamps int64 microseconds.
  dump(out.filePath("timestamps.i64"), features.timestamps.data(), rows * 8);
  dump(out.filePath("matrix.f64"), features.matrix.data(), static_cast<qint64>(features.matrix.bytes()));
  dump(out.filePath("target.f64"), features.target.data(), rows * 8);
  dump(out.filePath("columns.json"), QJsonDocument(QJsonArray::fromStringList(features.columns)).toJson().constData(),
       QJsonDocument(QJsonArray::fromStringList(features.columns)).toJson().size());
  std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
  return 0;
}
