// Bars aggregated in SQL (date_bin; time_bucket with TimescaleDB) equal the engine's
// strata::resample bar for bar, and both equal pandas' resample(...).agg(...): on the bundled
// daily data and on synthetic 1m series with gaps, NaN values and times before the epoch.
#include "postgres/pg_test_support.h"
#include "strata/csv_bars.h"
#include "strata/postgres_source.h"
#include "strata/resampler.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"
#include "test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <charconv>
#include <cmath>
#include <limits>

using namespace strata;
using namespace strata::test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A year-crossing 1m series: the synthetic gaps, a whole missing day (an empty 1d bucket and
/// many empty intraday ones) and NaN in every field somewhere.
Bars syntheticMinutes(Timestamp start, Eigen::Index rows, std::uint64_t seed) {
  SyntheticSpec spec;
  spec.rows = rows;
  spec.seed = seed;
  spec.start = start;
  const Bars raw = synthesizeBars(spec);
  const Timestamp dayStart = Timeframe::fromSeconds(86400).bucketStart(raw.timestamps[raw.timestamps.size() / 2]);
  Bars bars = sliceByTime(raw, raw.timestamps.front(), dayStart);
  const Bars after = sliceByTime(raw, dayStart + 86'400'000'000, std::numeric_limits<Timestamp>::max());
  const Eigen::Index kept = bars.size();
  bars.timestamps.insert(bars.timestamps.end(), after.timestamps.begin(), after.timestamps.end());
  Eigen::VectorXd* columns[] = {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
  const Eigen::VectorXd* tails[] = {&after.open, &after.high, &after.low, &after.close, &after.volume};
  for (int f = 0; f < 5; ++f) {
    columns[f]->conservativeResize(kept + after.size());
    columns[f]->tail(after.size()) = *tails[f];
  }
  for (Eigen::Index i = 17; i < bars.size(); i += 997) (*columns[i % 5])[i] = kNaN;
  for (Eigen::Index i = 4000; i < 4010; ++i) bars.open[i] = bars.close[i] = kNaN;  // a whole 5m bucket
  return bars;
}

bool writeMicrosCsv(const Bars& bars, const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return false;
  std::string text = "ts,open,high,low,close,volume\n";
  char number[40];
  for (Eigen::Index i = 0; i < bars.size(); ++i) {
    text.append(number, std::to_chars(number, number + sizeof number, bars.timestamps[static_cast<std::size_t>(i)]).ptr);
    for (double v : {bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]}) {
      text += ',';
      if (std::isnan(v)) text += "nan";
      else text.append(number, std::to_chars(number, number + sizeof number, v).ptr);
    }
    text += '\n';
  }
  return file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

}  // namespace

class PostgresParityTest : public QObject {
  Q_OBJECT

  PostgresServer server_;
  QString dsn_;
  QTemporaryDir dir_;
  std::map<QString, Bars> stored_;  // symbol -> the bars imported

  /// pandas' aggregation of `symbol`'s stored bars, or an empty optional with a QFAIL.
  std::optional<Bars> pandasResample(const QString& symbol, const Timeframe& tf) {
    const QString input = dir_.filePath(symbol + QStringLiteral(".csv"));
    const QString output = dir_.filePath(symbol + tf.name() + QStringLiteral("_pandas.csv"));
    if (!QFile::exists(input) && !writeMicrosCsv(stored_.at(symbol), input)) return std::nullopt;
    QProcess python;
    python.start(QStringLiteral(STRATA_REFERENCE_PYTHON),
                 {QStringLiteral(STRATA_PANDAS_RESAMPLE), input, QString::number(tf.seconds()), output});
    if (!python.waitForFinished(120000) || python.exitCode() != 0) {
      qWarning() << python.readAllStandardError();
      return std::nullopt;
    }
    const NumericCsv csv = readNumericCsv(output);
    if (!csv.error.isEmpty() || csv.columns.size() != 6) return std::nullopt;
    Bars bars;
    bars.resize(static_cast<Eigen::Index>(csv.columns[0].size()));
    Eigen::VectorXd* columns[] = {&bars.open, &bars.high, &bars.low, &bars.close, &bars.volume};
    for (std::size_t r = 0; r < csv.columns[0].size(); ++r) {
      bars.timestamps[r] = static_cast<Timestamp>(csv.columns[0][r]);
      for (std::size_t f = 0; f < 5; ++f) (*columns[f])[static_cast<Eigen::Index>(r)] = csv.columns[f + 1][r];
    }
    return bars;
  }

 private slots:
  void initTestCase() {
    server_ = testServer();
    QVERIFY2(server_.error.isEmpty(), qPrintable(server_.error));
    dsn_ = freshDatabase(server_, QStringLiteral("strata_parity"));
    for (const char* symbol : {"AAPL", "SPX"}) {
      const CsvReadResult read = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/%1.csv").arg(QLatin1String(symbol)));
      QVERIFY(read.bars && read.problems.isEmpty());
      stored_[QString::fromLatin1(symbol)] = *read.bars;
    }
    stored_[QStringLiteral("SYN")] = syntheticMinutes(*parseIsoUtc("2021-12-20T00:00:00Z"), 40'000, 7);
    stored_[QStringLiteral("PRE_EPOCH")] = syntheticMinutes(*parseIsoUtc("1969-12-22T13:37:00Z"), 25'000, 11);
    const PostgresDataSource source(dsn_, 5);
    for (const auto& [symbol, bars] : stored_) QCOMPARE(source.importBars(symbol, bars).inserted, bars.size());
  }

  void sqlEqualsEngineAndPandas_data() {
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("timeframe");
    for (const char* symbol : {"SYN", "PRE_EPOCH"})
      for (const char* tf : {"1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "7m"})
        QTest::addRow("%s %s", symbol, tf) << QString::fromLatin1(symbol) << QString::fromLatin1(tf);
    for (const char* symbol : {"AAPL", "SPX"})
      for (const char* tf : {"1d", "1w", "2w", "3d"})
        QTest::addRow("%s %s", symbol, tf) << QString::fromLatin1(symbol) << QString::fromLatin1(tf);
  }

  void sqlEqualsEngineAndPandas() {
    QFETCH(QString, symbol);
    QFETCH(QString, timeframe);
    const Timeframe tf = *Timeframe::parse(timeframe);
    const PostgresDataSource source(dsn_, 5);
    const Bars sql = source.loadBars(symbol, tf, {});
    // At the stored timeframe the rows come back as stored (a NaN volume stays NaN), else
    // the engine aggregates them.
    const Bars& stored = stored_.at(symbol);
    const Bars engine = detectTimeframe(stored) == tf ? stored : resample(stored, tf);
    QVERIFY(sql.size() > 0);
    QVERIFY2(compareBars(sql, engine).isEmpty(), qPrintable(QStringLiteral("SQL vs engine: ") + compareBars(sql, engine)));
    if (detectTimeframe(stored) == tf) return;  // nothing aggregated: pandas has nothing to say
    const std::optional<Bars> pandas = pandasResample(symbol, tf);
    QVERIFY2(pandas.has_value(), "the pandas reference failed");
    QVERIFY2(compareBars(sql, *pandas).isEmpty(), qPrintable(QStringLiteral("SQL vs pandas: ") + compareBars(sql, *pandas)));
  }

  void emptyBucketsMakeNoRow() {
    const PostgresDataSource source(dsn_, 5);
    const Bars daily = source.loadBars(QStringLiteral("SYN"), Timeframe::fromSeconds(86400), {});
    bool skippedADay = false;
    for (std::size_t i = 1; i < daily.timestamps.size(); ++i)
      skippedADay = skippedADay || daily.timestamps[i] - daily.timestamps[i - 1] == 2 * 86'400'000'000;
    QVERIFY(skippedADay);
  }
};

QTEST_GUILESS_MAIN(PostgresParityTest)
#include "test_postgres_parity.moc"
