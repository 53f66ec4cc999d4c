// The CSV directory source: every validation rule under each bad-row policy, per-timeframe files,
// a finer timeframe refused, one file as a source, the bundled data, concurrent readers, a changed
// file re-read, and resampling equal to pandas' resample(...).agg(...) on the bundled data and a
// synthetic 1m series.
#include "engineer_support.h"
#include "strata/csv_bars.h"
#include "strata/csv_directory_source.h"
#include "strata/resampler.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <thread>

using namespace strata;

namespace {

const QByteArray kHeader = "timestamp,open,high,low,close,volume\n";

Timestamp at(const char* iso) { return *parseIsoUtc(iso); }

QString errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class CsvDirectorySourceTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  int counter_ = 0;

  // A fresh directory holding `files` (name -> contents).
  QString directory(const std::map<QString, QByteArray>& files) {
    const QString path = dir_.filePath(QStringLiteral("d%1").arg(++counter_));
    QDir().mkpath(path);
    for (const auto& [name, text] : files) {
      QFile f(path + QLatin1Char('/') + name);
      f.open(QIODevice::WriteOnly);
      f.write(text);
    }
    return path;
  }

 private slots:
  void rejectNamesEveryBadRow_data() {
    QTest::addColumn<QByteArray>("rows");
    QTest::addColumn<QStringList>("expected");  // ":line: reason" fragments
    const QByteArray good = "2020-01-01,1,2,0.5,1.5,10\n";
    QTest::newRow("unsorted") << good + "2019-12-31,1,2,0.5,1.5,10\n" << QStringList{":3: timestamp 2019-12-31T00:00:00Z is earlier"};
    QTest::newRow("duplicate") << good + "2020-01-01,1,2,0.5,1.5,10\n" << QStringList{":3: duplicate timestamp 2020-01-01"};
    QTest::newRow("high below close") << good + "2020-01-02,1,1.4,0.5,1.5,10\n" << QStringList{":3: high 1.4 is below max(open, close) 1.5"};
    QTest::newRow("high below open") << good + "2020-01-02,1.6,1.55,0.5,1.5,10\n" << QStringList{":3: high 1.55 is below max(open, close) 1.6"};
    QTest::newRow("low above open") << good + "2020-01-02,1,2,1.2,1.5,10\n" << QStringList{":3: low 1.2 is above min(open, close) 1"};
    QTest::newRow("low above close") << good + "2020-01-02,1.6,2,1.55,1.5,10\n" << QStringList{":3: low 1.55 is above min(open, close) 1.5"};
    QTest::newRow("negative volume") << good + "2020-01-02,1,2,0.5,1.5,-1\n" << QStringList{":3: volume -1 is negative"};
    QTest::newRow("missing value") << good + "2020-01-02,1,2,0.5,,10\n" << QStringList{":3: close is missing"};
    QTest::newRow("unreadable timestamp") << good + "soon,1,2,0.5,1.5,10\n" << QStringList{":3: row skipped: cannot read the timestamp 'soon'"};
    QTest::newRow("several, all named")
        << good + "2020-01-02,1,2,0.5,1.5,-1\n2020-01-03,1,1,0.5,1.5,10\n2020-01-03,1,2,0.5,1.5,10\n"
        << QStringList{":3: volume -1", ":4: high 1 is below", ":5: duplicate timestamp", "3 problems"};
  }
  void rejectNamesEveryBadRow() {
    QFETCH(QByteArray, rows);
    QFETCH(QStringList, expected);
    const QString dir = directory({{QStringLiteral("X.csv"), kHeader + rows}});
    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    const QString error = errorOf([&] { source.loadBars(QStringLiteral("X"), Timeframe::fromSeconds(86400), {}); });
    QVERIFY2(!error.isEmpty(), "bad rows were accepted under reject");
    for (const QString& fragment : expected) {
      const QString located = fragment.startsWith(QLatin1Char(':')) ? dir + QStringLiteral("/X.csv") + fragment : fragment;
      QVERIFY2(error.contains(located), qPrintable(QStringLiteral("'%1' not in:\n%2").arg(located, error)));
    }
    // symbolInfo reads the same file and refuses it the same way.
    QCOMPARE(errorOf([&] { source.symbolInfo(QStringLiteral("X")); }), error);
  }

  void dropLeavesOutBadRows() {
    // Line 3 bad values, line 5 earlier than line 4, line 6 after line 5 but not after line 4.
    const QByteArray text = kHeader + "2020-01-01,1,2,0.5,1.5,10\n2020-01-02,1,1,0.5,1.5,10\n"
                            "2020-01-05,1,2,0.5,1.5,10\n2020-01-03,1,2,0.5,1.5,10\n2020-01-04,1,2,0.5,1.5,10\n"
                            "2020-01-06,1,2,0.5,1.5,-5\n2020-01-07,1,2,0.5,1.5,10\n2020-01-08,1,2,0.5,1.5,10\n";
    const QString dir = directory({{QStringLiteral("X.csv"), text}});
    const CsvDirectorySource source(dir, BadRowPolicy::Drop);
    QStringList warnings;
    const Bars bars = source.loadBars(QStringLiteral("X"), Timeframe::fromSeconds(86400), {}, &warnings);
    const std::vector<Timestamp> expected = {at("2020-01-01"), at("2020-01-05"), at("2020-01-07"), at("2020-01-08")};
    QCOMPARE(bars.timestamps, expected);
    const QString all = warnings.join(QLatin1Char('\n'));
    const QString file = dir + QStringLiteral("/X.csv");
    for (const QString& fragment : {file + QStringLiteral(":3: high 1 is below"), file + QStringLiteral(":5: timestamp 2020-01-03"),
                                    file + QStringLiteral(":6: timestamp 2020-01-04T00:00:00Z is not after line 4's"),
                                    file + QStringLiteral(":7: volume -5 is negative"), QStringLiteral("left out 4 rows (lines 3, 5, 6, 7)")})
      QVERIFY2(all.contains(fragment), qPrintable(QStringLiteral("'%1' not in:\n%2").arg(fragment, all)));
  }

  void repairSortsAndKeepsTheLastDuplicate() {
    const QByteArray text = kHeader + "2020-01-03,3,4,2,3,30\n2020-01-01,1,2,0.5,1.5,10\n2020-01-02,2,3,1,2,20\n"
                            "2020-01-01,1.1,2.1,0.6,1.6,11\n2020-01-04,1,1,0.5,1.5,10\n";
    const QString dir = directory({{QStringLiteral("X.csv"), text}});
    const CsvDirectorySource source(dir, BadRowPolicy::Repair);
    QStringList warnings;
    const Bars bars = source.loadBars(QStringLiteral("X"), Timeframe::fromSeconds(86400), {}, &warnings);
    const std::vector<Timestamp> expected = {at("2020-01-01"), at("2020-01-02"), at("2020-01-03")};
    QCOMPARE(bars.timestamps, expected);
    QCOMPARE(bars.open[0], 1.1);  // the last 2020-01-01 row of the file
    QCOMPARE(bars.volume[0], 11.0);
    QCOMPARE(bars.close[2], 3.0);
    const QString all = warnings.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("repair sorted 2 rows that were out of order, removed 1 duplicate "
                                         "timestamps (keeping the last row of each) and left out 1 rows with bad values (lines 6)")),
             qPrintable(all));
    QVERIFY2(all.contains(dir + QStringLiteral("/X.csv:6: high 1 is below")), qPrintable(all));
  }

  void headerlessEpochFileIsReadUnderReject() {
    const QString dir = directory({{QStringLiteral("E.csv"), "1577836800,1,2,0.5,1.5,10\n1577923200000,1,2,0.5,1.5,10\n"}});
    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    QStringList warnings;
    const Bars bars = source.loadBars(QStringLiteral("E"), Timeframe::fromSeconds(86400), {}, &warnings);
    QCOMPARE(bars.size(), 2);
    QCOMPARE(bars.timestamps[1], at("2020-01-02"));
    QVERIFY2(warnings.join(QLatin1Char('\n')).contains(QStringLiteral(":1: no header row")), qPrintable(warnings.join(QLatin1Char('\n'))));
  }

  void perTimeframeFilesAndRanges() {
    SyntheticSpec spec;
    spec.rows = 3 * 1440;
    const Bars minutes = synthesizeBars(spec);
    // A stored 1h file deliberately unlike the 1m data, so the test sees which file served.
    Bars hours = resample(minutes, *Timeframe::parse(QStringLiteral("1h")));
    hours.volume.array() += 1000.0;
    const QString dir = directory({});
    QCOMPARE(writeBarsCsv(minutes, dir + QStringLiteral("/S_1m.csv")), QString());
    QCOMPARE(writeBarsCsv(hours, dir + QStringLiteral("/S_1h.csv")), QString());
    QCOMPARE(writeBarsCsv(minutes.head(10), dir + QStringLiteral("/BRK_B.csv")), QString());
    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    QCOMPARE(source.listSymbols(), (QStringList{QStringLiteral("BRK_B"), QStringLiteral("S")}));

    const auto info = source.symbolInfo(QStringLiteral("S"));
    QVERIFY(info);
    QCOMPARE(info->barCount, minutes.size());
    QCOMPARE(info->first, minutes.timestamps.front());
    QCOMPARE(info->last, minutes.timestamps.back());
    QCOMPARE(info->nativeTimeframe->name(), QStringLiteral("1m"));
    QVERIFY(!source.symbolInfo(QStringLiteral("NOPE")));

    const Bars h1 = source.loadBars(QStringLiteral("S"), *Timeframe::parse(QStringLiteral("1h")), {});
    QCOMPARE(h1.volume, hours.volume);  // the stored 1h file, as is
    const Bars h2 = source.loadBars(QStringLiteral("S"), *Timeframe::parse(QStringLiteral("2h")), {});
    QCOMPARE(h2.volume, resample(hours, *Timeframe::parse(QStringLiteral("2h"))).volume);  // from the 1h file
    const Bars m5 = source.loadBars(QStringLiteral("S"), *Timeframe::parse(QStringLiteral("5m")), {});
    QCOMPARE(m5.close, resample(minutes, *Timeframe::parse(QStringLiteral("5m"))).close);  // from the 1m file

    TimeRange range;
    range.from = minutes.timestamps[100];
    range.to = minutes.timestamps[200];
    const Bars part = source.loadBars(QStringLiteral("S"), *Timeframe::parse(QStringLiteral("1m")), range);
    QCOMPARE(part.size(), 100);
    QCOMPARE(part.timestamps.front(), minutes.timestamps[100]);
    QCOMPARE(part.close, minutes.close.segment(100, 100).eval());
  }

  void finerTimeframeRefused() {
    const QString dir = directory({{QStringLiteral("D.csv"), kHeader + "2020-01-01,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n"}});
    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    const QString error = errorOf([&] { source.loadBars(QStringLiteral("D"), *Timeframe::parse(QStringLiteral("1h")), {}); });
    QVERIFY2(error.contains(QStringLiteral("cannot make 1h bars of 'D': the finest stored bars are 1d")), qPrintable(error));
    const QString missing = errorOf([&] { source.loadBars(QStringLiteral("ZZZ"), Timeframe::fromSeconds(86400), {}); });
    QVERIFY2(missing.contains(QStringLiteral("no data for symbol 'ZZZ'")), qPrintable(missing));
    const QString hostile = errorOf([&] { source.loadBars(QStringLiteral("../D"), Timeframe::fromSeconds(86400), {}); });
    QVERIFY2(hostile.contains(QStringLiteral("is not a symbol")), qPrintable(hostile));
    const QString gone = errorOf([&] { CsvDirectorySource(dir + QStringLiteral("/nope"), BadRowPolicy::Reject).listSymbols(); });
    QVERIFY2(gone.contains(QStringLiteral("does not exist")), qPrintable(gone));
  }

  void singleFileIsReadLikeADirectorysFile() {
    // Named like a 1h file but holding 1m bars: a directory refuses the name, one file ignores it.
    const QByteArray minutes =
        kHeader + "2020-01-01T00:00:00Z,1,2,0.5,1.5,10\n2020-01-01T00:01:00Z,1,2,0.5,1.5,10\n";
    const QString dir =
        directory({{QStringLiteral("M_1h.csv"), minutes},
                   {QStringLiteral("B.txt"), minutes + "2020-01-01T00:01:00Z,1,2,0.5,1.5,10\n"}});
    const QString named = errorOf(
        [&] { CsvDirectorySource(dir, BadRowPolicy::Reject).symbolInfo(QStringLiteral("M")); });
    QVERIFY2(named.contains(QStringLiteral("the name says 1h bars")), qPrintable(named));
    const auto file =
        CsvDirectorySource::singleFile(dir + QStringLiteral("/M_1h.csv"), BadRowPolicy::Reject);
    QCOMPARE(file->listSymbols(), QStringList{QStringLiteral("M_1h")});
    const auto info = file->symbolInfo(QStringLiteral("M_1h"));
    QVERIFY(info);
    QCOMPARE(info->nativeTimeframe->name(), QStringLiteral("1m"));
    QVERIFY(!file->symbolInfo(QStringLiteral("M")));
    QVERIFY(file->describe().startsWith(QStringLiteral("CSV file ") + dir));
    // Any extension; the same bad-row policy and message as in a directory.
    const QString bad = dir + QStringLiteral("/B.txt");
    const QString rejected = errorOf([&] {
      CsvDirectorySource::singleFile(bad, BadRowPolicy::Reject)->symbolInfo(QStringLiteral("B"));
    });
    QVERIFY2(rejected.contains(bad + QStringLiteral(":4: duplicate timestamp")),
             qPrintable(rejected));
    QCOMPARE(CsvDirectorySource::singleFile(bad, BadRowPolicy::Drop)
                 ->symbolInfo(QStringLiteral("B"))
                 ->barCount,
             2);
    const QString missing = errorOf([&] {
      CsvDirectorySource::singleFile(dir + QStringLiteral("/none.csv"), BadRowPolicy::Reject)
          ->symbolInfo(QStringLiteral("none"));
    });
    QVERIFY2(missing.contains(QStringLiteral("none.csv does not exist")), qPrintable(missing));
  }

  void changedFileIsReadAgainAndThreadsShareOneParse() {
    const QString dir = directory({{QStringLiteral("C.csv"), kHeader + "2020-01-01,1,2,0.5,1.5,10\n"}});
    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    QCOMPARE(source.symbolInfo(QStringLiteral("C"))->barCount, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a distinct modification time
    QFile f(dir + QStringLiteral("/C.csv"));
    QVERIFY(f.open(QIODevice::Append));
    f.write("2020-01-02,1,2,0.5,1.5,10\n");
    f.close();
    QCOMPARE(source.symbolInfo(QStringLiteral("C"))->barCount, 2);

    std::vector<QFuture<Bars>> readers;
    for (int i = 0; i < 8; ++i)
      readers.push_back(QtConcurrent::run([&] { return source.loadBars(QStringLiteral("C"), Timeframe::fromSeconds(86400), {}); }));
    for (auto& r : readers) QCOMPARE(r.result().close, Eigen::VectorXd::Constant(2, 1.5).eval());
  }

  void bundledDataIsTheDefault() {
    const auto source = makeCsvDirectorySource(DataSettings{});
    QVERIFY(source->listSymbols().contains(QStringLiteral("AAPL")));
    const auto info = source->symbolInfo(QStringLiteral("AAPL"));
    QVERIFY(info);
    QCOMPARE(info->nativeTimeframe->name(), QStringLiteral("1d"));
    QVERIFY(info->barCount > 1000);
  }

  void resampleEqualsPandas_data() {
    QTest::addColumn<QString>("symbol");  // AAPL, SPX: bundled; SYN: synthetic 1m
    QTest::addColumn<QString>("timeframe");
    QTest::addColumn<QString>("rule");
    QTest::newRow("AAPL 1w") << "AAPL" << "1w" << "W-MON";
    QTest::newRow("SPX 1w") << "SPX" << "1w" << "W-MON";
    for (const auto& [tf, rule] : std::vector<std::pair<const char*, const char*>>{
             {"5m", "5min"}, {"15m", "15min"}, {"30m", "30min"}, {"1h", "1h"}, {"4h", "4h"}, {"1d", "1D"}, {"1w", "W-MON"}})
      QTest::newRow(qPrintable(QStringLiteral("synthetic 1m -> %1").arg(QLatin1String(tf)))) << "SYN" << tf << rule;
  }
  void resampleEqualsPandas() {
    QFETCH(QString, symbol);
    QFETCH(QString, timeframe);
    QFETCH(QString, rule);
    QString dir = bundledDataDirectory();
    if (symbol == u"SYN") {
      dir = dir_.filePath(QStringLiteral("synthetic"));
      if (!QFileInfo::exists(dir + QStringLiteral("/SYN.csv"))) {
        QDir().mkpath(dir);
        SyntheticSpec spec;
        spec.rows = 20 * 1440;  // 20 days, with the generator's gaps
        spec.start = at("2020-01-01T00:00:00Z") + 37 * 60'000'000LL;  // not on a bucket edge
        QCOMPARE(writeBarsCsv(synthesizeBars(spec), dir + QStringLiteral("/SYN.csv")), QString());
      }
    }
    const QString input = dir + QLatin1Char('/') + symbol + QStringLiteral(".csv");
    const QString output = dir_.filePath(symbol + timeframe + QStringLiteral("_pandas.csv"));
    QProcess python;
    python.start(QStringLiteral(STRATA_REFERENCE_PYTHON),
                 {QStringLiteral(STRATA_ENGINEER_TEST_DIR "/resample_reference.py"), input, rule, output});
    QVERIFY(python.waitForFinished(120000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());

    const CsvDirectorySource source(dir, BadRowPolicy::Reject);
    const Bars ours = source.loadBars(symbol, *Timeframe::parse(timeframe), {});
    QFile f(output);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(ours.size(), static_cast<Eigen::Index>(lines.size() - 1));
    for (Eigen::Index i = 0; i < ours.size(); ++i) {
      const QList<QByteArray> v = lines[i + 1].split(',');
      QCOMPARE(ours.timestamps[static_cast<std::size_t>(i)], v[0].toLongLong());
      QCOMPARE(ours.open[i], v[1].toDouble());
      QCOMPARE(ours.high[i], v[2].toDouble());
      QCOMPARE(ours.low[i], v[3].toDouble());
      QCOMPARE(ours.close[i], v[4].toDouble());
      // pandas sums with Kahan compensation, strata in order: equal to the last bits.
      QVERIFY2(std::abs(ours.volume[i] - v[5].toDouble()) <= 1e-12 * std::abs(ours.volume[i]),
               qPrintable(QStringLiteral("row %1 volume %2 vs %3").arg(i).arg(ours.volume[i], 0, 'g', 17).arg(v[5].constData())));
    }
  }
};

QTEST_GUILESS_MAIN(CsvDirectorySourceTest)
#include "test_csv_directory_source.moc"
