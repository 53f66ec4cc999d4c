// The CSV bar reader: every bad-row kind reported as file:line with its reason, nothing dropped
// silently, both timestamp forms, CRLF, quoted fields, a missing column, empty and one-row files.
#include "strata/csv_bars.h"
#include "strata/synthetic.h"
#include "strata/time_format.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace strata;

class CsvBarsTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString write(const QByteArray& text) {
    static int counter = 0;
    const QString path = dir_.filePath(QStringLiteral("bars%1.csv").arg(++counter));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
  }

 private slots:
  void read_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QStringList>("problems");  // fragments, each expected with its ":line: "
    const QByteArray header = "timestamp,open,high,low,close,volume\n";
    QTest::newRow("clean iso dates") << header + "2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1.5,2,1,1.2,0\n" << 2 << QStringList{};
    QTest::newRow("epoch seconds and ms, any order, extra column")
        << QByteArray("Volume,Close,Low,High,Open,Date,extra\n10,1.5,0.5,2,1,1577923200,x\n10,1.5,0.5,2,1,1578009600000,y\n")
        << 2 << QStringList{};
    QTest::newRow("CRLF, quotes and blank lines")
        << QByteArray("\"timestamp\",\"open\",high,low,close,volume\r\n\r\n\"2020-01-02T10:00:00Z\",1,2,0.5,1.5,10\r\n") << 1 << QStringList{};
    QTest::newRow("one row") << header + "2020-01-02,1,1,1,1,1\n" << 1 << QStringList{};
    QTest::newRow("high below open/close") << header + "2020-01-02,1,1.2,0.5,1.5,10\n" << 1 << QStringList{":2: high 1.2 is below"};
    QTest::newRow("low above open/close") << header + "2020-01-02,1,2,1.1,1.5,10\n" << 1 << QStringList{":2: low 1.1 is above"};
    QTest::newRow("negative volume") << header + "2020-01-02,1,2,0.5,1.5,-3\n" << 1 << QStringList{":2: volume -3 is negative"};
    QTest::newRow("duplicate and unsorted")
        << header + "2020-01-03,1,2,0.5,1.5,1\n2020-01-03,1,2,0.5,1.5,1\n2020-01-02,1,2,0.5,1.5,1\n" << 3
        << QStringList{":3: duplicate timestamp", ":4: timestamp 2020-01-02T00:00:00Z is earlier"};
    QTest::newRow("NaN kept and reported") << header + "2020-01-02,1,2,0.5,nan,1\n2020-01-03,1,2,0.5,,1\n" << 2
                                           << QStringList{":2: close is missing", ":3: close is missing"};
    QTest::newRow("not a number") << header + "2020-01-02,1,2,0.5,abc,1\n" << 1 << QStringList{":2: close 'abc' is not a number"};
    QTest::newRow("bad timestamp skipped, said")
        << header + "yesterday,1,2,0.5,1.5,1\n2020-01-03,1,2,0.5,1.5,1\n" << 1 << QStringList{":2: row skipped: cannot read the timestamp 'yesterday'"};
    QTest::newRow("short row skipped, said") << header + "2020-01-02,1,2\n" << 0 << QStringList{":2: 3 fields, the header has 6", ":2: row skipped"};
    QTest::newRow("UTF-8 BOM before the header")
        << QByteArray("\xEF\xBB\xBF" "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,10\n") << 1 << QStringList{};
    QTest::newRow("blanks inside quotes") << header + "\" 2020-01-02 \",\" 1 \",2,0.5,1.5,10\n" << 1 << QStringList{};
    QTest::newRow("classic Mac line ends") << QByteArray("timestamp,open,high,low,close,volume\r2020-01-02,1,2,0.5,1.5,10\r") << 1 << QStringList{};
    QTest::newRow("other spellings of missing")
        << header + "2020-01-02,N/A,2,0.5,1.5,1\n2020-01-03,1,2,0.5,1.5,-nan\n2020-01-04,1,2,0.5,1.5,NULL\n" << 3
        << QStringList{":2: open is missing", ":3: volume is missing", ":4: volume is missing"};
    QTest::newRow("impossible calendar date skipped, said")
        << header + "2021-02-29,1,2,0.5,1.5,1\n2021-03-01,1,2,0.5,1.5,1\n" << 1
        << QStringList{":2: row skipped: cannot read the timestamp '2021-02-29'"};
    QTest::newRow("extra field kept, said") << header + "2020-01-02,1,2,0.5,1.5,10,\n" << 1 << QStringList{":2: 7 fields, the header has 6"};
    QTest::newRow("full precision in the message") << header + "2020-01-02,64.501427,64.5014269,64,64.5,10\n" << 1
                                                   << QStringList{":2: high 64.5014269 is below max(open, close) 64.501427"};
    QTest::newRow("header only") << header << 0 << QStringList{":1: no bars after the header"};
    QTest::newRow("infinite value said") << header + "2020-01-02,1,inf,0.5,1.5,1\n" << 1 << QStringList{":2: high is infinite"};
    // Timestamps outside what the ISO form and PostgreSQL can hold, or with impossible offsets
    // (issue 20): each row skipped and said, the accepted forms spelled out once.
    QTest::newRow("year 0000 and offset +99:99 skipped")
        << header + "0000-01-01,1,2,0.5,1.5,1\n2020-01-01T00:00+99:99,1,2,0.5,1.5,1\n2020-01-02,1,2,0.5,1.5,1\n" << 1
        << QStringList{":2: row skipped: cannot read the timestamp '0000-01-01' (expected a date of the years 0001-9999",
                       ":3: row skipped: cannot read the timestamp '2020-01-01T00:00+99:99'"};
    QTest::newRow("offsets: minutes above 59, beyond 18:00, signed digits")
        << header + "2020-01-01T00:00+05:60,1,2,0.5,1.5,1\n2020-01-01T00:00+18:01,1,2,0.5,1.5,1\n"
                    "2020-01-01T00:00+-1:00,1,2,0.5,1.5,1\n2020-01-01T-1:00,1,2,0.5,1.5,1\n-001-01-01,1,2,0.5,1.5,1\n" << 0
        << QStringList{":2: row skipped", ":3: row skipped", ":4: row skipped", ":5: row skipped", ":6: row skipped"};
    QTest::newRow("widest offsets kept") << header + "2020-01-01T00:00+14:00,1,2,0.5,1.5,1\n2020-01-02T00:00-18:00,1,2,0.5,1.5,1\n"
                                         << 2 << QStringList{};
    QTest::newRow("epoch before year 1 skipped") << header + "-99999999999,1,2,0.5,1.5,1\n" << 0
                                                 << QStringList{":2: row skipped: cannot read the timestamp '-99999999999'"};
  }

  // A field named twice is refused: either column could hold the bars (issue 20).
  void duplicateHeaderColumn_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("problem");
    QTest::newRow("close twice") << QByteArray("timestamp,open,high,low,close,volume,close")
                                 << QStringLiteral(":1: the header names close twice ('close' in column 5, 'close' in column 7)");
    QTest::newRow("date and time") << QByteArray("date,time,open,high,low,close,volume")
                                   << QStringLiteral(":1: the header names timestamp twice ('date' in column 1, 'time' in column 2)");
    QTest::newRow("case differs") << QByteArray("timestamp,Open,high,low,close,volume,OPEN")
                                  << QStringLiteral("names open twice ('Open' in column 2, 'OPEN' in column 7)");
  }
  void duplicateHeaderColumn() {
    QFETCH(QByteArray, header);
    QFETCH(QString, problem);
    const CsvReadResult r = readBarsCsv(write(header + "\n2020-01-02,1,2,0.5,1.5,10,3\n"));
    QVERIFY(!r.bars.has_value());
    QCOMPARE(r.problems.size(), 1);
    QVERIFY2(r.problems[0].contains(problem), qPrintable(r.problems[0]));
  }

  void read() {
    QFETCH(QByteArray, text);
    QFETCH(int, rows);
    QFETCH(QStringList, problems);
    const QString path = write(text);
    const CsvReadResult result = readBarsCsv(path);
    QVERIFY(result.bars.has_value());
    QCOMPARE(static_cast<int>(result.bars->size()), rows);
    for (const QString& fragment : problems) {
      bool found = false;
      for (const QString& p : result.problems) found = found || (p.startsWith(path) && p.contains(fragment));
      QVERIFY2(found, qPrintable(QStringLiteral("no problem containing '%1' in: %2").arg(fragment, result.problems.join(QStringLiteral(" | ")))));
    }
    if (problems.isEmpty()) QVERIFY2(result.problems.isEmpty(), qPrintable(result.problems.join(QStringLiteral(" | "))));
  }

  void timestampsAreUtc() {
    const CsvReadResult r = readBarsCsv(write("timestamp,open,high,low,close,volume\n"
                                              "2020-01-02T10:00:00+02:00,1,2,0.5,1.5,1\n"
                                              "1578009600,1,2,0.5,1.5,1\n"));
    QVERIFY(r.bars);
    QCOMPARE(isoUtc(r.bars->timestamps[0]), QStringLiteral("2020-01-02T08:00:00Z"));
    QCOMPARE(isoUtc(r.bars->timestamps[1]), QStringLiteral("2020-01-03T00:00:00Z"));
  }

  void epochMagnitudes() {
    // seconds below 1e11, milliseconds below 1e14, microseconds below 1e17, else nanoseconds
    const CsvReadResult r = readBarsCsv(write("time,open,high,low,close,volume\n"
                                              "1577923200,1,2,0.5,1.5,1\n"
                                              "1577923201500,1,2,0.5,1.5,1\n"
                                              "1577923202000001,1,2,0.5,1.5,1\n"
                                              "1577923203000000000,1,2,0.5,1.5,1\n"
                                              "2020-01-02T00:00:04-01:30,1,2,0.5,1.5,1\n"));
    QVERIFY(r.bars);
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(QStringLiteral(" | "))));
    QCOMPARE(r.bars->size(), 5);
    const Timestamp base = r.bars->timestamps[0];
    QCOMPARE(isoUtc(base), QStringLiteral("2020-01-02T00:00:00Z"));
    QCOMPARE(r.bars->timestamps[1] - base, 1'500'000);
    QCOMPARE(r.bars->timestamps[2] - base, 2'000'001);
    QCOMPARE(r.bars->timestamps[3] - base, 3'000'000);
    QCOMPARE(isoUtc(r.bars->timestamps[4]), QStringLiteral("2020-01-02T01:30:04Z"));
  }

  void valuesKept() {
    // A row with problems keeps every value it has; unreadable ones become NaN.
    const CsvReadResult r = readBarsCsv(write("timestamp,open,high,low,close,volume\n"
                                              "2020-01-02,1,0.5,2,abc,-4\n"));
    QVERIFY(r.bars);
    QCOMPARE(r.bars->open[0], 1.0);
    QCOMPARE(r.bars->high[0], 0.5);
    QCOMPARE(r.bars->low[0], 2.0);
    QVERIFY(std::isnan(r.bars->close[0]));
    QCOMPARE(r.bars->volume[0], -4.0);
    QCOMPARE(r.problems.size(), 4);  // close not a number, high < open, low > open, volume < 0
  }

  void missingColumn() {
    const QString path = write("timestamp,open,high,low,close\n2020-01-02,1,2,0.5,1.5\n");
    const CsvReadResult r = readBarsCsv(path);
    QVERIFY(!r.bars);
    QCOMPARE(r.problems.size(), 1);
    QVERIFY(r.problems[0].startsWith(path + QStringLiteral(":1: missing column volume")));
  }

  void emptyAndUnreadable() {
    const CsvReadResult empty = readBarsCsv(write(""));
    QVERIFY(!empty.bars);
    QVERIFY(empty.problems.value(0).contains(QStringLiteral("empty")));
    const CsvReadResult missing = readBarsCsv(dir_.filePath(QStringLiteral("nope.csv")));
    QVERIFY(!missing.bars);
    QVERIFY(missing.problems.value(0).contains(QStringLiteral("cannot read")));
  }

  void writtenBarsReadBackBitForBit() {
    SyntheticSpec spec;
    spec.rows = 3000;
    Bars bars = synthesizeBars(spec);
    bars.timestamps[1] += 123'456;  // microseconds survive the ISO form
    bars.open[2] = bars.low[2] = 1e-300;  // so do extreme magnitudes
    bars.high[2] = bars.close[2] = 2.5e-300;
    bars.volume[3] = 0.0;
    const QString path = dir_.filePath(QStringLiteral("written.csv"));
    QCOMPARE(writeBarsCsv(bars, path), QString());
    const CsvReadResult r = readBarsCsv(path);
    QVERIFY2(r.bars && r.problems.isEmpty(), qPrintable(r.problems.join(QStringLiteral(" | "))));
    QVERIFY(r.bars->timestamps == bars.timestamps);
    QVERIFY(r.bars->open == bars.open && r.bars->high == bars.high && r.bars->low == bars.low);
    QVERIFY(r.bars->close == bars.close && r.bars->volume == bars.volume);
  }

  void failedWriteNamesThePath() {
    const QString problem = writeBarsCsv(Bars{}, dir_.filePath(QStringLiteral("no/such/dir/x.csv")));
    QVERIFY2(problem.contains(QStringLiteral("no/such/dir/x.csv")), qPrintable(problem));
  }

  void bundledDataIsClean() {
    for (const char* symbol : {"AAPL", "SPX"}) {
      const CsvReadResult r = readBarsCsv(QStringLiteral(STRATA_RESOURCES_DIR "/data/%1.csv").arg(QLatin1String(symbol)));
      QVERIFY(r.bars && r.bars->size() > 1000);
      QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.mid(0, 5).join(QStringLiteral(" | "))));
    }
  }
};

QTEST_GUILESS_MAIN(CsvBarsTest)
#include "test_csv_bars.moc"
