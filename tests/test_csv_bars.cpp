// The CSV bar reader: every bad-row kind reported as file:line with its reason, nothing dropped
// silently, both timestamp forms, CRLF, quoted fields, a missing column, empty and one-row files.
#include "strata/csv_bars.h"
#include "strata/time_format.h"

#include <QTemporaryDir>
#include <QTest>

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
    QTest::newRow("infinite value said") << header + "2020-01-02,1,inf,0.5,1.5,1\n" << 1 << QStringList{":2: high is infinite"};
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
