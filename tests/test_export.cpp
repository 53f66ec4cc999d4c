// Export: every CSV and Parquet file written here is read back by independent readers (DuckDB
// and hyparquet for Parquet, pandas for CSV) and compared value for value with what the C++
// side dumped; bad destinations, full disks and cancellation leave nothing partial behind.
#include "strata/export.h"
#include "strata/fingerprint.h"
#include "strata/parquet_footer.h"
#include "strata/pipeline.h"
#include "strata/csv_bars.h"
#include "strata/plugin_registry.h"
#include "test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace strata;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Timestamp kStart = 1577836800000000;  // 2020-01-01T00:00:00Z

/// A feature set with what each column must come out as ("double" or "int8"; float32 turns
/// "double" into "float").
struct Fixture {
  FeatureSet set;
  QStringList types;
};

Fixture makeFixture(qint64 rows, const QStringList& names, const QStringList& types) {
  Fixture f;
  f.types = types;
  f.set.columns = names;
  f.set.matrix = ColumnMatrix(rows, names.size());
  f.set.timestamps.resize(static_cast<std::size_t>(rows));
  for (qint64 r = 0; r < rows; ++r)  // minutes, with microseconds that must survive
    f.set.timestamps[static_cast<std::size_t>(r)] = kStart + r * 60'000'000 + (r % 7) * 13;
  f.set.target = Eigen::VectorXd::Zero(rows);
  for (qint64 r = 0; r < rows; ++r) f.set.target[r] = (r * 7 % 3 == 0) ? 1.0 : 0.0;
  if (rows > 0) f.set.target[rows - 1] = kNaN;  // the last row has no next bar
  return f;  // raw values: no normalisation parameters
}

/// Every awkward value: NaN, +-inf, -0, subnormals, extremes, values float32 rounds or
/// overflows, a crossover signal with a NaN warm-up (INT8 with nulls), a normalised crossover
/// (DOUBLE), an all-NaN column and an only-zeros column (statistics edge cases).
Fixture mixedFixture(qint64 rows) {
  Fixture f = makeFixture(rows,
                          {"random", "special", "all_nan", "zeros", "a_b_crossover", "c_d_halves",
                           "with space, \"quote\""},
                          {"double", "double", "double", "double", "int8", "double", "double"});
  std::mt19937_64 random(7);
  const double specials[] = {kNaN, kInf, -kInf, -0.0, 0.0, 5e-324, -1.7976931348623157e308,
                             1e-300, 0.1, 3.4028235677973366e38, 1.0 / 3.0};
  for (qint64 r = 0; r < rows; ++r) {
    double v;
    do {
      const std::uint64_t bits = random();
      std::memcpy(&v, &bits, sizeof v);
    } while (!std::isfinite(v));
    f.set.matrix.column(0)[static_cast<std::size_t>(r)] = v;
    f.set.matrix.column(1)[static_cast<std::size_t>(r)] = specials[r % std::size(specials)];
    f.set.matrix.column(2)[static_cast<std::size_t>(r)] = kNaN;
    f.set.matrix.column(3)[static_cast<std::size_t>(r)] = r % 2 ? 0.0 : -0.0;
    f.set.matrix.column(4)[static_cast<std::size_t>(r)] = r < 3 ? kNaN : static_cast<double>(r % 5 == 0) - (r % 7 == 0);
    f.set.matrix.column(5)[static_cast<std::size_t>(r)] = static_cast<double>(r % 3) / 2.0;
    f.set.matrix.column(6)[static_cast<std::size_t>(r)] = std::sin(static_cast<double>(r)) * 1e3;
  }
  return f;
}

/// The same set computed as float32 (the pipeline's precision: float32): each value rounded once.
Fixture asFloat32(Fixture f) {
  ColumnMatrix single(f.set.matrix.rows(), f.set.matrix.cols(), Precision::Float32);
  for (Eigen::Index c = 0; c < single.cols(); ++c)
    std::transform(f.set.matrix.column(c).begin(), f.set.matrix.column(c).end(), single.column32(c).begin(),
                   [](double v) { return static_cast<float>(v); });
  f.set.matrix = std::move(single);
  return f;
}

Fixture wideFixture(qint64 rows, qint64 cols) {
  QStringList names, types;
  for (qint64 c = 0; c < cols; ++c) {
    names << QStringLiteral("f%1").arg(c);
    types << QStringLiteral("double");
  }
  Fixture f = makeFixture(rows, names, types);
  for (qint64 c = 0; c < cols; ++c)
    for (qint64 r = 0; r < rows; ++r)
      f.set.matrix.column(c)[static_cast<std::size_t>(r)] = static_cast<double>(c) * 0.001 - static_cast<double>(r) / 7.0;
  return f;
}

QString workDir() {
  const QString dir = qEnvironmentVariable("STRATA_EXPORT_WORK", QDir::temp().filePath(QStringLiteral("strata-export-work")));
  QDir().mkpath(dir);
  return dir;
}

struct Run {
  int exitCode = -1;
  QString output;
};

Run run(const QString& program, const QStringList& args, const QString& workingDir = {}) {
  QProcess process;
  process.setProcessChannelMode(QProcess::MergedChannels);
  if (!workingDir.isEmpty()) process.setWorkingDirectory(workingDir);
  process.start(program, args);
  if (!process.waitForFinished(600'000)) return {-1, program + QStringLiteral(" did not finish: ") + process.errorString()};
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAll())};
}

/// Dumps what the readers must find: expected.json (columns, types, options) and expected.bin
/// (column-major, 8 bytes a value; the timestamp as int64 microseconds).
void dumpExpected(const QString& stem, const Fixture& f, const ExportOptions& options,
                  const QStringList& selected, const QJsonObject& keyValues) {
  const qint64 rows = f.set.matrix.rows();
  QJsonArray columns{QJsonObject{{"name", "timestamp"}, {"type", "timestamp"}, {"nullable", false}}};
  QFile bin(stem + QStringLiteral(".expected.bin"));
  QVERIFY(bin.open(QIODevice::WriteOnly));
  bin.write(reinterpret_cast<const char*>(f.set.timestamps.data()), rows * 8);
  for (qsizetype c = 0; c < f.set.columns.size(); ++c) {
    if (!selected.isEmpty() && !selected.contains(f.set.columns[c])) continue;
    const bool single = options.float32 || f.set.matrix.precision() == Precision::Float32;
    const QString type = f.types[c] == u"double" && single ? QStringLiteral("float") : f.types[c];
    columns.append(QJsonObject{{"name", f.set.columns[c]}, {"type", type}, {"nullable", type == u"int8"}});
    f.set.matrix.visitColumn(c, [&bin](auto values) {  // 8 bytes a value: a float widens exactly
      for (double v : values) bin.write(reinterpret_cast<const char*>(&v), sizeof v);
    });
  }
  columns.append(QJsonObject{{"name", "target"}, {"type", "int8"}, {"nullable", true}});
  bin.write(reinterpret_cast<const char*>(f.set.target.data()), rows * 8);
  const char* codec = options.compression == ParquetCompression::Zstd     ? "ZSTD"
                      : options.compression == ParquetCompression::Snappy ? "SNAPPY"
                                                                          : "UNCOMPRESSED";
  const QJsonObject expected{{"rows", rows},
                             {"rowGroupRows", options.rowGroupRows},
                             {"codec", codec},
                             {"columns", columns},
                             {"keyValues", keyValues},
                             {"delimiter", QString(QChar(options.csvDelimiter))},
                             {"nanText", options.csvNanText}};
  QFile json(stem + QStringLiteral(".expected.json"));
  QVERIFY(json.open(QIODevice::WriteOnly));
  json.write(QJsonDocument(expected).toJson());
}

void verifyParquet(const QString& stem) {
  const Run r = run(QStringLiteral("node"),
                    {QStringLiteral(STRATA_EXPORT_READERS_DIR "/verify_parquet.mjs"), stem + ".parquet",
                     stem + ".expected.json", stem + ".expected.bin"},
                    QStringLiteral(STRATA_EXPORT_READERS_DIR));
  qInfo().noquote() << r.output.trimmed();
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

void verifyCsv(const QString& stem) {
  const Run r = run(QStringLiteral(STRATA_REFERENCE_PYTHON),
                    {QStringLiteral(STRATA_EXPORT_SCRIPTS_DIR "/verify_csv.py"), stem + ".csv",
                     stem + ".expected.json", stem + ".expected.bin"});
  qInfo().noquote() << r.output.trimmed();
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

QStringList filesIn(const QString& dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden); }

/// A tmpfs of `size` mounted on a fresh directory (root only); empty when mounting is refused.
QString mountTmpfs(const QString& where, const QString& options) {
  QDir().mkpath(where);
  if (::geteuid() != 0) return {};
  const Run r = run(QStringLiteral("mount"), {"-t", "tmpfs", "-o", options, "tmpfs", where});
  return r.exitCode == 0 ? where : QString();
}

void unmount(const QString& where) { run(QStringLiteral("umount"), {where}); }

}  // namespace

class TestExport : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip_data();
  void roundTrip();
  void bundledDataThroughCli();
  void float32ThroughCli();
  void normalizationMetadata();
  void destinationIsDirectory();
  void missingDirectory();
  void readOnlyDestination();
  void fullDisk();
  void cancelledKeepsExistingFile();
  void columnPatternMatchingNothing();
};

void TestExport::roundTrip_data() {
  QTest::addColumn<QString>("fixture");
  QTest::addColumn<qint64>("rows");
  QTest::addColumn<QString>("codec");
  QTest::addColumn<bool>("float32");
  QTest::addColumn<qint64>("rowGroupRows");
  QTest::addColumn<QStringList>("patterns");
  QTest::addColumn<QStringList>("selected");
  QTest::newRow("mixed, uncompressed, 3 row groups") << "mixed" << qint64(2500) << "none" << false << qint64(1000) << QStringList() << QStringList();
  QTest::newRow("mixed, snappy") << "mixed" << qint64(2500) << "snappy" << false << qint64(1000) << QStringList() << QStringList();
  QTest::newRow("mixed, zstd") << "mixed" << qint64(2500) << "zstd" << false << qint64(131072) << QStringList() << QStringList();
  QTest::newRow("mixed, float32") << "mixed" << qint64(2500) << "zstd" << true << qint64(700) << QStringList() << QStringList();
  // A float32 matrix (precision: float32) is written as FLOAT in place, with or without the option.
  QTest::newRow("float32 matrix") << "mixed32" << qint64(2500) << "zstd" << false << qint64(700) << QStringList() << QStringList();
  QTest::newRow("float32 matrix, uncompressed") << "mixed32" << qint64(1500) << "none" << true << qint64(1000) << QStringList() << QStringList();
  QTest::newRow("float32 matrix, selection") << "mixed32" << qint64(50) << "snappy" << false << qint64(20)
                                             << QStringList{"*crossover", "rand*"} << QStringList{"random", "a_b_crossover"};
  QTest::newRow("empty matrix") << "mixed" << qint64(0) << "zstd" << false << qint64(1000) << QStringList() << QStringList();
  QTest::newRow("one row") << "mixed" << qint64(1) << "snappy" << false << qint64(1000) << QStringList() << QStringList();
  QTest::newRow("null target only") << "mixed" << qint64(1) << "none" << true << qint64(1) << QStringList() << QStringList();
  QTest::newRow("column selection") << "mixed" << qint64(50) << "zstd" << false << qint64(20)
                                    << QStringList{"*crossover", "zero?"} << QStringList{"zeros", "a_b_crossover"};
  QTest::newRow("several pages per chunk") << "wide:2" << qint64(300000) << "zstd" << false << qint64(200000) << QStringList() << QStringList();
  QTest::newRow("50,000 columns") << "wide:50000" << qint64(3) << "zstd" << false << qint64(2) << QStringList() << QStringList();
}

void TestExport::roundTrip() {
  QFETCH(QString, fixture);
  QFETCH(qint64, rows);
  QFETCH(QString, codec);
  QFETCH(bool, float32);
  QFETCH(qint64, rowGroupRows);
  QFETCH(QStringList, patterns);
  QFETCH(QStringList, selected);
  const Fixture f = fixture == u"mixed"     ? mixedFixture(rows)
                    : fixture == u"mixed32" ? asFloat32(mixedFixture(rows))
                                            : wideFixture(rows, fixture.section(':', 1).toLongLong());
  ExportOptions options;
  options.compression = *parseParquetCompression(codec);
  options.float32 = float32;
  options.rowGroupRows = rowGroupRows;
  options.columns = patterns;
  options.csvDelimiter = codec == u"snappy" ? ';' : ',';
  options.csvNanText = codec == u"none" ? QStringLiteral("NaN") : QString();
  options.provenance = ExportProvenance{QStringLiteral("indicators:\n  - plugin: rsi  # ünïcode\n"),
                                        {{"rsi", "1.0.0"}}, "n=1;sum=ab", "data.csv", "AAPL", {"1m", "1h"}, true};
  const bool single = float32 || f.set.matrix.precision() == Precision::Float32;
  const QJsonObject keyValues{{"strata.pipeline.yaml", options.provenance->pipelineYaml},
                              {"strata.precision", single ? "float32" : "float64"},
                              {"strata.plugins", R"([{"id":"rsi","version":"1.0.0"}])"},
                              {"strata.data.fingerprint", "n=1;sum=ab"},
                              {"strata.symbol", "AAPL"},
                              {"strata.timeframes", "1m,1h"},
                              {"strata.matrix", "normalized"},
                              {"strata.version", STRATA_VERSION}};
  const QString stem = QDir(workDir()).filePath(QString::fromLatin1(QTest::currentDataTag())
                                                    .replace(QRegularExpression("[^A-Za-z0-9]+"), "_"));
  dumpExpected(stem, f, options, selected, keyValues);
  qint64 lastDone = -1, total = -1;
  options.progress = [&](qint64 done, qint64 all) {
    QVERIFY(done > lastDone && done <= all);
    lastDone = done;
    total = all;
  };
  options.format = ExportFormat::Parquet;
  writeFeatureFile(f.set, stem + ".parquet", options);
  QCOMPARE(lastDone, total);
  verifyParquet(stem);
  lastDone = total = -1;
  options.format = ExportFormat::Csv;
  writeFeatureFile(f.set, stem + ".csv", options);
  QCOMPARE(lastDone, total);
  verifyCsv(stem);
}

void TestExport::bundledDataThroughCli() {
  // The real CLI on the bundled data: the file opens in DuckDB and hyparquet with the values the
  // pipeline computes in-process, and --config-from re-creates it bit for bit.
  PluginRegistry registry;
  test::loadRealPlugins(registry);
  const QString yaml = PipelineConfig::defaultYaml().replace("window: 14, smoothing: sma}", "window: 9, smoothing: sma}");
  const QString dir = workDir();
  const QString configPath = QDir(dir).filePath("custom.yaml");
  {
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(yaml.toUtf8());
  }
  std::vector<Diagnostic> diagnostics;
  const auto config = PipelineConfig::fromYaml(yaml, "custom.yaml", &diagnostics);
  QVERIFY(config);
  const auto pipeline = Pipeline::build(*config, registry, &diagnostics);
  QVERIFY(pipeline);
  const QString data = QStringLiteral(STRATA_RESOURCES_DIR "/data/SPX.csv");
  CsvReadResult read = readBarsCsv(data);
  QVERIFY(read.bars);
  const FeatureSet features = pipeline->run(*read.bars);

  const QString first = QDir(dir).filePath("cli_spx.parquet"), again = QDir(dir).filePath("cli_spx_again.parquet");
  const QString cli = QStringLiteral(STRATA_CLI);
  const QStringList common{"--plugin-dir", STRATA_PLUGIN_DIR, "--data-dir", STRATA_RESOURCES_DIR "/data"};
  Run r = run(cli, QStringList{"generate", "--config", configPath, "--symbol", "SPX", "--out", first,
                               "--row-group-rows", "500"} + common);
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
  Fixture f{FeatureSet{}, {}};
  f.set.timestamps = features.timestamps;
  f.set.columns = features.columns;
  f.set.matrix = ColumnMatrix(features.matrix.rows(), features.matrix.cols());
  std::copy_n(features.matrix.data(), features.matrix.rows() * features.matrix.cols(), f.set.matrix.data());
  f.set.target = features.target;
  f.types = QStringList(features.columns.size(), "double");  // normalised crossovers stay DOUBLE
  ExportOptions expectedOptions;
  expectedOptions.rowGroupRows = 500;
  const QJsonObject keyValues{{"strata.pipeline.yaml", config->toYaml()},
                              {"strata.symbol", "SPX"},
                              {"strata.timeframes", "1d"},
                              {"strata.matrix", "normalized"},
                              {"strata.data.fingerprint", fingerprint(*read.bars).toString()}};
  const QString stem = first.chopped(8);
  dumpExpected(stem, f, expectedOptions, {}, keyValues);
  verifyParquet(stem);

  r = run(cli, QStringList{"inspect", first});
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
  const QString groups = QStringLiteral("row groups: %1").arg((features.matrix.rows() + 499) / 500);
  for (const QString& needle : {QStringLiteral("timestamp: INT64 TIMESTAMP(MICROS,UTC)"),
                                QStringLiteral("target: INT32 INT(8,signed) (nullable)"),
                                QStringLiteral("strata.pipeline.yaml:"), QStringLiteral("window: 9"),
                                QStringLiteral("strata.plugins: [{\"id\":\"rsi\""),
                                QStringLiteral("strata.normalization: {\"fit_rows\":"), groups})
    QVERIFY2(r.output.contains(needle), qPrintable(needle));

  r = run(cli, QStringList{"generate", "--config-from", first, "--out", again, "--row-group-rows", "500"} + common);
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
  QFile a(first), b(again);
  QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
  QVERIFY2(a.readAll() == b.readAll(), "the re-created file differs from the original");

  r = run(cli, QStringList{"generate", "--config-from", configPath, "--out", again} + common);
  QCOMPARE(r.exitCode, 3);
  QVERIFY2(r.output.contains("not a Parquet file"), qPrintable(r.output));
}

void TestExport::float32ThroughCli() {
  // generate --float32: one flag computes the matrix as float32 (the config's precision) and
  // writes FLOAT columns; DuckDB, hyparquet and pandas read back the in-process float32 values.
  PluginRegistry registry;
  test::loadRealPlugins(registry);
  PipelineConfig config = PipelineConfig::defaults();
  config.precision = Precision::Float32;
  std::vector<Diagnostic> diagnostics;
  const auto pipeline = Pipeline::build(config, registry, &diagnostics);
  QVERIFY(pipeline);
  const QString data = QStringLiteral(STRATA_RESOURCES_DIR "/data/AAPL.csv");
  CsvReadResult read = readBarsCsv(data);
  QVERIFY(read.bars);
  Fixture f{pipeline->run(*read.bars), {}};
  QCOMPARE(f.set.matrix.precision(), Precision::Float32);
  f.types = QStringList(f.set.columns.size(), "double");  // normalised: all FLOAT
  const QString dir = workDir(), cli = QStringLiteral(STRATA_CLI);
  const QStringList common{"--plugin-dir", STRATA_PLUGIN_DIR, "--data-dir", STRATA_RESOURCES_DIR "/data", "--no-cache"};
  const QJsonObject keyValues{{"strata.pipeline.yaml", config.toYaml()},
                              {"strata.precision", "float32"},
                              {"strata.symbol", "AAPL"},
                              {"strata.matrix", "normalized"}};
  ExportOptions expectedOptions;
  expectedOptions.rowGroupRows = 400;
  for (const char* extension : {"parquet", "csv"}) {
    const QString stem = QDir(dir).filePath(QStringLiteral("cli_aapl_float32"));
    const QString out = stem + QLatin1Char('.') + QLatin1String(extension);
    const Run r = run(cli, QStringList{"generate", "--float32", "--symbol", "AAPL", "--out", out,
                                       "--row-group-rows", "400"} + common);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    dumpExpected(stem, f, expectedOptions, {}, keyValues);
    if (QLatin1String(extension) == QLatin1String("parquet"))
      verifyParquet(stem);
    else
      verifyCsv(stem);
  }
  const QString parquet = QDir(dir).filePath(QStringLiteral("cli_aapl_float32.parquet"));
  Run r = run(cli, QStringList{"inspect", parquet});
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
  for (const QString& needle : {QStringLiteral("precision: float32"), QStringLiteral("rsi: FLOAT"),
                                QStringLiteral("\nprecision: float32\n"), QStringLiteral("strata.precision: float32")})
    QVERIFY2(r.output.contains(needle), qPrintable(needle + QStringLiteral(" not in\n") + r.output));
  // --config-from reads precision: float32 back from the recorded pipeline.
  const QString again = QDir(dir).filePath(QStringLiteral("cli_aapl_float32_again.parquet"));
  r = run(cli, QStringList{"generate", "--config-from", parquet, "--out", again, "--row-group-rows", "400"} + common);
  QVERIFY2(r.exitCode == 0, qPrintable(r.output));
  QFile a(parquet), b(again);
  QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
  QVERIFY2(a.readAll() == b.readAll(), "the re-created float32 file differs from the original");
}

void TestExport::normalizationMetadata() {
  Fixture f = mixedFixture(10);
  f.set.normalization.fitRows = 7;
  f.set.normalization.min.assign(static_cast<std::size_t>(f.set.columns.size()), -1.5);
  f.set.normalization.max.assign(static_cast<std::size_t>(f.set.columns.size()), 2.25);
  f.set.normalization.min[1] = kNaN;  // a column without values was fitted to NaN: JSON null
  ExportOptions options;
  options.provenance = ExportProvenance{};
  const QString path = QDir(workDir()).filePath("normalization.parquet");
  writeFeatureFile(f.set, path, options);
  const ParquetFileInfo info = readParquetFooter(path);
  const auto json = QJsonDocument::fromJson(info.value("strata.normalization").value_or("").toUtf8()).object();
  QCOMPARE(json["fit_rows"].toInteger(), 7);
  const QJsonObject minMax = json["min_max"].toObject();
  QCOMPARE(minMax.size(), f.set.columns.size());
  QVERIFY(minMax["special"].toArray()[0].isNull());
  QCOMPARE(minMax["random"].toArray()[0].toDouble(), -1.5);
  QCOMPARE(minMax["random"].toArray()[1].toDouble(), 2.25);
  QCOMPARE(info.rows, 10);
  QCOMPARE(info.columns.size(), std::size_t(9));
  QCOMPARE(info.columns[5].physicalType, QStringLiteral("DOUBLE"));  // a normalised crossover
  QCOMPARE(info.columns[8].logicalType, QStringLiteral("INT(8,signed)"));
  QCOMPARE(info.rowGroups.front().chunks[8].nullCount.value_or(-1), 1);  // the target's last row
  QCOMPARE(info.rowGroups.front().chunks[8].max, QStringLiteral("1"));
}

void TestExport::destinationIsDirectory() {
  const QString dir = QDir(workDir()).filePath("a_directory.parquet");
  QDir().mkpath(dir);
  try {
    writeFeatureFile(mixedFixture(5).set, dir, {});
    QFAIL("no error");
  } catch (const ExportError& e) {
    QVERIFY2(QString(e.what()).contains("is a directory"), e.what());
  }
  QVERIFY(QFileInfo(dir).isDir());
}

void TestExport::missingDirectory() {
  const QString path = QDir(workDir()).filePath("no/such/dir/x.csv");
  ExportOptions options;
  options.format = ExportFormat::Csv;
  try {
    writeFeatureFile(mixedFixture(5).set, path, options);
    QFAIL("no error");
  } catch (const ExportError& e) {
    QVERIFY2(QString(e.what()).contains("does not exist") && QString(e.what()).contains(path), e.what());
  }
}

void TestExport::readOnlyDestination() {
  const QString where = mountTmpfs(QDir(workDir()).filePath("readonly"), "ro,size=64k");
  if (where.isEmpty()) QSKIP("cannot mount a read-only tmpfs here (needs root and mount rights)");
  try {
    writeFeatureFile(mixedFixture(5).set, where + "/x.parquet", {});
    unmount(where);
    QFAIL("no error");
  } catch (const ExportError& e) {
    unmount(where);
    QVERIFY2(QString(e.what()).contains("cannot create a file in") && QString(e.what()).contains("Read-only"), e.what());
  }
}

void TestExport::fullDisk() {
  const QString where = mountTmpfs(QDir(workDir()).filePath("full"), "size=64k");
  if (where.isEmpty()) QSKIP("cannot mount a 64 KiB tmpfs here (needs root and mount rights)");
  const QString path = where + "/keep.parquet";
  {
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("the previous export");
  }
  for (ExportFormat format : {ExportFormat::Parquet, ExportFormat::Csv}) {
    ExportOptions options;
    options.format = format;
    options.compression = ParquetCompression::None;
    QString message;
    try {
      writeFeatureFile(mixedFixture(20000).set, path, options);
    } catch (const ExportError& e) {
      message = e.what();
    }
    QVERIFY2(message.contains("disk is full") && message.contains(path), qPrintable(message));
    QCOMPARE(filesIn(where), QStringList{"keep.parquet"});
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("the previous export"));
  }
  unmount(where);
}

void TestExport::cancelledKeepsExistingFile() {
  const QString dir = QDir(workDir()).filePath("cancel");
  QDir(dir).removeRecursively();
  QDir().mkpath(dir);
  for (ExportFormat format : {ExportFormat::Parquet, ExportFormat::Csv}) {
    const QString path = dir + (format == ExportFormat::Csv ? "/out.csv" : "/out.parquet");
    {
      QFile existing(path);
      QVERIFY(existing.open(QIODevice::WriteOnly));
      existing.write("old");
    }
    std::atomic_bool cancel{false};
    ExportOptions options;
    options.format = format;
    options.rowGroupRows = 1000;
    options.cancel = &cancel;
    int calls = 0;
    options.progress = [&](qint64, qint64) {
      if (++calls == 2) cancel.store(true);
    };
    QVERIFY_THROWS_EXCEPTION(ExportCancelled, writeFeatureFile(wideFixture(100000, 20).set, path, options));
    QCOMPARE(calls, 2);
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("old"));
  }
  QCOMPARE(filesIn(dir), (QStringList{"out.csv", "out.parquet"}));
}

void TestExport::columnPatternMatchingNothing() {
  ExportOptions options;
  options.columns = {"random", "nothing_like_this*"};
  const QString path = QDir(workDir()).filePath("pattern.parquet");
  QFile::remove(path);
  try {
    writeFeatureFile(mixedFixture(5).set, path, options);
    QFAIL("no error");
  } catch (const ExportError& e) {
    QVERIFY2(QString(e.what()).contains("'nothing_like_this*' matches no feature column"), e.what());
  }
  QVERIFY(!QFileInfo::exists(path));
}

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
