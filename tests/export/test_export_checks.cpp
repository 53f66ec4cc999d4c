// What every export checks before writing a byte (exportProblems: destinations, CSV options,
// column patterns), and the Parquet footer reader's refusal of any footer length but the true
// one (issue 20, items 12 and 14 and the export items of the smaller list). The CLI side, with
// signals and stale temporaries, is tests/hostile/test_hostile_export.py.
#include "strata/export.h"
#include "strata/parquet_footer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace strata;

namespace {

// Three features over `rows` minutes, NaN in the first rows (warm-up), a target.
FeatureSet smallSet(qint64 rows) {
  FeatureSet set;
  set.columns = {QStringLiteral("rsi"), QStringLiteral("macd"), QStringLiteral("a_b_crossover")};
  set.matrix = ColumnMatrix(rows, set.columns.size());
  set.timestamps.resize(static_cast<std::size_t>(rows));
  set.target = Eigen::VectorXd::Zero(rows);
  for (qint64 r = 0; r < rows; ++r) {
    const auto i = static_cast<std::size_t>(r);
    set.timestamps[i] = 1577836800000000 + r * 60'000'000;
    set.matrix.column(0)[i] =
        r < 3 ? std::numeric_limits<double>::quiet_NaN() : std::sin(double(r)) * 50 + 50;
    set.matrix.column(1)[i] = std::cos(double(r)) * 0.25;
    set.matrix.column(2)[i] = double(r % 3) - 1;
    set.target[r] = double(r % 2);
  }
  return set;
}

bool anyContains(const QStringList& texts, const QString& part) {
  for (const QString& text : texts)
    if (text.contains(part)) return true;
  return false;
}

QString writeError(const FeatureSet& set, const QString& path, const ExportOptions& options) {
  try {
    writeFeatureFile(set, path, options);
  } catch (const ExportError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class TestExportChecks : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString file(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void csvOptions_data() {
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("nanText");
    QTest::addColumn<QString>("problem");  // empty: accepted
    QTest::newRow("comma, empty") << ","
                                  << ""
                                  << "";
    QTest::newRow("semicolon, NaN") << ";"
                                    << "NaN"
                                    << "";
    QTest::newRow("tab, NA") << "\t"
                             << "NA"
                             << "";
    QTest::newRow("pipe, null") << "|"
                                << "null"
                                << "";
    QTest::newRow("space, #N/A") << " "
                                 << "#N/A"
                                 << "";
    QTest::newRow("comma, -nan") << ","
                                 << "-nan"
                                 << "";
    for (const char* d : {".", "-", "+", ":", "e", "E", "T", "Z", "0", "9", "a", "\""})
      QTest::newRow(qPrintable(QStringLiteral("delimiter %1").arg(d))) << d << ""
                                                                       << "the CSV delimiter";
    for (const char* d : {"\n", "\r", "\x01", "\x7f"})
      QTest::newRow(qPrintable(QStringLiteral("delimiter 0x%1").arg(int(*d), 2, 16)))
          << d << ""
          << "printable ASCII character or a tab";
    QTest::newRow("nan .") << ","
                           << "."
                           << "number characters";
    QTest::newRow("nan -") << ","
                           << "-"
                           << "number characters";
    QTest::newRow("nan e") << ","
                           << "e"
                           << "number characters";
    QTest::newRow("nan -.E+") << ","
                              << "-.E+"
                              << "number characters";
    QTest::newRow("nan 0") << ","
                           << "0"
                           << "a digit";
    QTest::newRow("nan 1e5") << ","
                             << "1e5"
                             << "a digit";
    QTest::newRow("nan newline") << ","
                                 << "N\nA"
                                 << "line break";
    QTest::newRow("nan CR") << ","
                            << "NA\r"
                            << "line break";
    QTest::newRow("nan tab with tab delimiter") << "\t"
                                                << "N\tA"
                                                << "the delimiter";
    QTest::newRow("nan quote") << ","
                               << "N\"A"
                               << "a quote";
    QTest::newRow("nan is the delimiter") << ";"
                                          << ";"
                                          << "the delimiter";
    QTest::newRow("nan leading space") << ","
                                       << " NA"
                                       << "space";
    QTest::newRow("nan trailing space") << ","
                                        << "NA "
                                        << "space";
    QTest::newRow("nan inf") << ","
                             << "inf"
                             << "infinity";
    QTest::newRow("nan -INF") << ","
                              << "-INF"
                              << "infinity";
    QTest::newRow("nan +Infinity") << ","
                                   << "+Infinity"
                                   << "infinity";
    QTest::newRow("nan 65 bytes") << "," << QString(65, u'x') << "longer than 64 bytes";
  }
  void csvOptions() {
    QFETCH(QString, delimiter);
    QFETCH(QString, nanText);
    QFETCH(QString, problem);
    const char d = delimiter.toLatin1().at(0);
    const QString said = csvOptionsProblem(d, nanText);
    QVERIFY2(problem.isEmpty() ? said.isEmpty() : said.contains(problem), qPrintable(said));
    // The same rule inside every export, before anything is written.
    ExportOptions options;
    options.format = ExportFormat::Csv;
    options.csvDelimiter = d;
    options.csvNanText = nanText;
    const QString path = file(QStringLiteral("options.csv"));
    QFile::remove(path);
    const QString error = writeError(smallSet(10), path, options);
    QVERIFY2(
        problem.isEmpty() ? error.isEmpty() : error.contains(problem) && error.startsWith(path),
        qPrintable(error));
    QCOMPARE(QFile::exists(path), problem.isEmpty());
  }

  void everyProblemOfAFileIsListed() {
    ExportOptions options;
    options.format = ExportFormat::Csv;
    options.csvDelimiter = '.';
    options.columns = {QStringLiteral("rsi"), QStringLiteral("1d__*"), QStringLiteral("nothing")};
    const QString path = file(QStringLiteral("no/such/dir/x.csv"));
    const QStringList problems = exportProblems(smallSet(5), path, options);
    QCOMPARE(problems.size(), 4);
    for (const QString& p : problems) QVERIFY2(p.startsWith(path), qPrintable(p));
    QVERIFY(anyContains(problems, QStringLiteral("does not exist")));
    QVERIFY(anyContains(problems, QStringLiteral("the CSV delimiter '.'")));
    QVERIFY(anyContains(problems, QStringLiteral("'1d__*' matches no feature column")));
    QVERIFY(anyContains(problems, QStringLiteral("'nothing' matches no feature column")));
    options = {};
    options.rowGroupRows = 0;
    QVERIFY(anyContains(exportProblems(smallSet(5), file(QStringLiteral("x.parquet")), options),
                        QStringLiteral("row group size")));
    QVERIFY(exportProblems(smallSet(5), file(QStringLiteral("x.parquet")), {}).isEmpty());
  }

  void nonRegularDestinationsAreRefusedAndKept() {
    const QString fifo = file(QStringLiteral("fifo.parquet"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString socketPath = file(QStringLiteral("socket.parquet"));
    const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, QFile::encodeName(socketPath).constData(),
                 sizeof address.sun_path - 1);
    QCOMPARE(::bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    QVERIFY(QFile::link(QStringLiteral("fifo.parquet"), file(QStringLiteral("to-fifo.parquet"))));
    QDir(dir_.path()).mkdir(QStringLiteral("folder.parquet"));
    const struct {
      QString path, said;
    } cases[] = {{fifo, QStringLiteral("is a FIFO (named pipe)")},
                 {socketPath, QStringLiteral("is a socket")},
                 {file(QStringLiteral("to-fifo.parquet")),
                  QStringLiteral("(the link's target %1)").arg(fifo)},
                 {file(QStringLiteral("folder.parquet")), QStringLiteral("is a directory")},
                 {QString(), QStringLiteral("the path is empty")}};
    for (const auto& c : cases) {
      const QString error = writeError(smallSet(5), c.path, {});
      QVERIFY2(error.contains(c.said), qPrintable(c.path + QStringLiteral(": ") + error));
    }
    ::close(sock);
    struct stat st {};
    QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QVERIFY(::lstat(QFile::encodeName(socketPath).constData(), &st) == 0 && S_ISSOCK(st.st_mode));
    QVERIFY(QFileInfo(file(QStringLiteral("to-fifo.parquet"))).isSymLink());
  }

  void aSymlinkIsFollowedAndKept() {
    QDir(dir_.path()).mkdir(QStringLiteral("real"));
    const QString target = file(QStringLiteral("real/data.csv"));
    QFile old(target);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    const QString link = file(QStringLiteral("link.csv"));
    QVERIFY(QFile::link(QStringLiteral("real/data.csv"), link));
    QCOMPARE(exportTarget(link), target);
    ExportOptions options;
    options.format = ExportFormat::Csv;
    QCOMPARE(writeError(smallSet(5), link, options), QString());
    QCOMPARE(QFileInfo(link).symLinkTarget(), target);
    QFile written(target);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll().startsWith("timestamp,rsi,"));
  }

  // Only the true footer length gives a footer: every other one starts the decode inside the
  // data pages or the footer (or past the file) and must be refused, never shown as garbage.
  void everyWrongFooterLengthIsRefused() {
    const QString path = file(QStringLiteral("lengths.parquet"));
    ExportOptions options;
    options.rowGroupRows = 7;  // several row groups, so the data holds many chunk boundaries
    options.compression = ParquetCompression::None;
    QCOMPARE(writeError(smallSet(40), path, options), QString());
    QFile original(path);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    original.close();
    quint32 trueLength;
    std::memcpy(&trueLength, bytes.constData() + bytes.size() - 8, 4);
    QCOMPARE(readParquetFooter(path).rows, qint64(40));
    const QString mutated = file(QStringLiteral("mutated.parquet"));
    int refused = 0;
    for (quint32 length = 0; length <= quint32(bytes.size()); ++length) {
      if (length == trueLength) continue;
      QByteArray copy = bytes;
      std::memcpy(copy.data() + copy.size() - 8, &length, 4);
      QFile out(mutated);
      QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
      out.write(copy);
      out.close();
      try {
        readParquetFooter(mutated);
        QFAIL(qPrintable(QStringLiteral("footer length %1 (true: %2) was accepted")
                             .arg(length)
                             .arg(trueLength)));
      } catch (const ExportError& e) {
        const QString said = QString::fromUtf8(e.what());
        QVERIFY2(said.contains(QStringLiteral("corrupt footer")) ||
                     said.contains(QStringLiteral("exceeds the file")),
                 qPrintable(said));
        ++refused;
      }
    }
    QCOMPARE(refused, bytes.size());
    qInfo("%d wrong footer lengths refused (the file: %lld bytes)", refused, qint64(bytes.size()));
  }
};

QTEST_GUILESS_MAIN(TestExportChecks)
#include "test_export_checks.moc"
