// Hostile input to the engine's readers (issue 20, items 1, 2, 3, 8): YAML that hung yaml-cpp or
// multiplied into gigabytes, Parquet footers that overflowed the stack or took gigabytes, and
// devices named as files. Each must end in a clear error naming where, within a deadline and
// under a capped address space (bounded_case.h).
#include "alias_bomb.h"
#include "bounded_case.h"
#include "strata/app_settings.h"
#include "strata/csv_bars.h"
#include "strata/export.h"
#include "strata/parquet_footer.h"
#include "strata/pipeline_config.h"

#include <yaml-cpp/yaml.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

using namespace strata;
using hostile::aliasBomb;
using hostile::withinDeadline;

namespace {

constexpr int kDeadlineSeconds = 10;

QString dump(const std::vector<Diagnostic>& errors) {
  QStringList lines;
  for (const Diagnostic& d : errors) lines << d.toString();
  return lines.join(QLatin1Char('\n'));
}

// Thrift compact: a varint, a binary (length + bytes), and a Parquet file around a footer.
QByteArray varint(quint64 v) {
  QByteArray out;
  for (; v >= 0x80; v >>= 7) out += static_cast<char>((v & 0x7f) | 0x80);
  out += static_cast<char>(v);
  return out;
}
QByteArray parquetAround(const QByteArray& footer) {
  const quint32 length = static_cast<quint32>(footer.size());
  QByteArray tail(4, '\0');
  std::memcpy(tail.data(), &length, 4);
  return QByteArrayLiteral("PAR1") + footer + tail + QByteArrayLiteral("PAR1");
}
// FileMetaData { 2: list<list<...<list<i32>>>> nested `depth` deep }.
QByteArray nestedListsFooter(int depth, char innerHeader = 0x19) {
  return QByteArray(1, 0x29) + QByteArray(depth, innerHeader) + QByteArray(1, 0x10) +
         QByteArray(1, '\0');
}
// FileMetaData { 2: list<bool> of `count` elements }: one byte a value.
QByteArray manyValuesFooter(quint64 count) {
  return QByteArray(1, 0x29) + QByteArray(1, static_cast<char>(0xf1)) + varint(count) +
         QByteArray(static_cast<qsizetype>(count), 1) + QByteArray(1, '\0');
}

}  // namespace

class TestHostileInput : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString write(const QString& name, const QByteArray& bytes) {
    const QString path = dir_.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) return {};
    return path;
  }
  QString footerError(const QString& path) {
    return withinDeadline("reading the footer", kDeadlineSeconds, [&] {
      try {
        readParquetFooter(path);
      } catch (const ExportError& e) {
        return QString::fromUtf8(e.what());
      }
      return QString();
    });
  }

 private slots:
  void initTestCase() {
    hostile::capAddressSpace(rlim_t(3) << 30);
    QVERIFY(dir_.isValid());
  }

  // Item 1: yaml-cpp 0.7's LoadAll makes empty documents forever at a token it cannot use.
  void strayToken_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("comma") << "," << 1 << 1;
    QTest::newRow("comment, comma") << "#c\n," << 2 << 1;
    QTest::newRow("second document") << "---\n," << 2 << 1;
    QTest::newRow("after a mapping") << "target: {horizon: 2}\n---\n," << 3 << 1;
    QTest::newRow("after a flow list") << "[1, 2]\n," << 2 << 1;
  }
  void strayToken() {
    QFETCH(QString, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    std::vector<Diagnostic> errors;
    const bool parsed = withinDeadline("PipelineConfig::fromYaml", kDeadlineSeconds, [&] {
      return PipelineConfig::fromYaml(yaml, QStringLiteral("stray.yaml"), &errors).has_value();
    });
    QVERIFY(!parsed);
    QCOMPARE(errors.size(), std::size_t(1));
    QCOMPARE(errors.front().where.line, line);
    QCOMPARE(errors.front().where.column, column);
    QVERIFY2(errors.front().message.contains(QStringLiteral("unexpected ','")),
             qPrintable(dump(errors)));
    // The same text reaches the settings reader and a parameter typed in the form.
    std::vector<Diagnostic> settingsErrors;
    QVERIFY(!withinDeadline("AppSettings::fromYaml", kDeadlineSeconds, [&] {
      return AppSettings::fromYaml(yaml, QStringLiteral("strata.yaml"), &settingsErrors)
          .has_value();
    }));
    QVERIFY2(!settingsErrors.empty() &&
                 settingsErrors.front().message.contains(QStringLiteral("unexpected")),
             qPrintable(dump(settingsErrors)));
    QString error;
    QVERIFY(!withinDeadline("parseParamValueText", kDeadlineSeconds,
                            [&] { return parseParamValueText(yaml, &error).has_value(); }));
    QVERIFY2(error.contains(QStringLiteral("unexpected")), qPrintable(error));
  }

  // The loader's second step is yaml-cpp's single-document YAML::Load: it must stay safe on what
  // hangs LoadAll (it returns at once; the stray token is reported by the event walk before it).
  void plainLoadReturns_data() { strayToken_data(); }
  void plainLoadReturns() {
    QFETCH(QString, yaml);
    const std::string text = yaml.toStdString();
    const bool returned = withinDeadline("YAML::Load", kDeadlineSeconds, [&] {
      try {
        YAML::Load(text);
      } catch (const YAML::Exception&) {
      }
      return true;
    });
    QVERIFY(returned);
  }

  // Item 2: aliases multiplied into 387 million nodes (bad_alloc after gigabytes).
  void aliasBombRefused() {
    std::vector<Diagnostic> errors;
    const bool parsed = withinDeadline("the alias bomb", kDeadlineSeconds, [&] {
      return PipelineConfig::fromYaml(aliasBomb(), QStringLiteral("bomb.yaml"), &errors)
          .has_value();
    });
    QVERIFY(!parsed);
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY2(errors.front().message.contains(
                 QStringLiteral("more than 1000000 values once aliases are expanded")),
             qPrintable(dump(errors)));
    QCOMPARE(errors.front().where.file, QStringLiteral("bomb.yaml"));
    QVERIFY2(errors.front().where.line >= 6 && errors.front().where.line <= 14,
             qPrintable(dump(errors)));
    QString error;
    QVERIFY(!withinDeadline("the alias bomb as a parameter", kDeadlineSeconds,
                            [&] { return parseParamValueText(aliasBomb(), &error).has_value(); }));
    QVERIFY2(error.contains(QStringLiteral("aliases")), qPrintable(error));
  }

  void aliasMisuse_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("message");
    QTest::newRow("cycle") << "indicators: &a [*a]\n"
                           << "inside the node it names";
    QTest::newRow("cycle in a map") << "target: &t {horizon: *t}\n"
                                    << "inside the node it names";
    QTest::newRow("alias as a key") << "target: &k enabled\nnormalization: {*k : 1}\n"
                                    << "cannot be a mapping key";
    QTest::newRow("undefined") << "target: *nowhere\n"
                               << "not valid YAML";
  }
  void aliasMisuse() {
    QFETCH(QString, yaml);
    QFETCH(QString, message);
    std::vector<Diagnostic> errors;
    QVERIFY(!withinDeadline("alias misuse", kDeadlineSeconds, [&] {
      return PipelineConfig::fromYaml(yaml, QStringLiteral("a.yaml"), &errors).has_value();
    }));
    QVERIFY2(!errors.empty() && errors.front().message.contains(message), qPrintable(dump(errors)));
    QVERIFY(errors.front().where.line > 0);
  }

  // Aliases that make sense still work: one parameter set shared by two steps.
  void sharedParamsAlias() {
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(
        QStringLiteral("indicators:\n  - plugin: rsi\n    params: &p {window: 9}\n"
                       "  - plugin: atr\n    params: *p\n"),
        QStringLiteral("shared.yaml"), &errors);
    QVERIFY2(config, qPrintable(dump(errors)));
    QCOMPARE(config->steps.size(), std::size_t(2));
    QCOMPARE(config->steps[1].params.value(QStringLiteral("window")).toInt(), 9);
  }

  // Smaller items: deep nesting said "bad file", a NUL byte "unknown escape character".
  void clearMessages_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    // Unclosed, each '[' opens a sequence and the single-pair mapping it might hold: two levels.
    QTest::newRow("100,000 brackets") << "target: " + QString(100000, QLatin1Char('[')) << 1 << 41
                                      << "nested more than 64 levels deep";
    QTest::newRow("1000 closed brackets")
        << QString(1000, QLatin1Char('[')) + QString(1000, QLatin1Char(']')) << 1 << 65
        << "nested more than 64 levels deep";
    QTest::newRow("NUL byte") << QStringLiteral("indicators:\n  - plugin: rsi") + QChar(0) + "\n"
                              << 2 << 16 << "a NUL byte (0x00) is not allowed";
    QTest::newRow("leading NUL") << QString(QChar(0)) + "indicators: []\n"
                                 << 1 << 1 << "a NUL byte (0x00) is not allowed";
    QTest::newRow("escape") << "target: {horizon: 2}\x1b\n"
                            << 1 << 21 << "a control character (0x1B)";
  }
  void clearMessages() {
    QFETCH(QString, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    std::vector<Diagnostic> errors;
    QVERIFY(!withinDeadline("fromYaml", kDeadlineSeconds, [&] {
      return PipelineConfig::fromYaml(yaml, QStringLiteral("m.yaml"), &errors).has_value();
    }));
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY2(errors.front().message.contains(message), qPrintable(dump(errors)));
    QCOMPARE(errors.front().where.line, line);
    QCOMPARE(errors.front().where.column, column);
  }

  // Smaller item: the duplicate-key check was quadratic (200,000 parameters: 87 s). The deadline
  // is a hang guard far above the linear time (about a second), not a benchmark.
  void manyParamsLinear() {
    QString yaml = QStringLiteral("indicators:\n  - plugin: rsi\n    params:\n");
    for (int i = 0; i < 200000; ++i) yaml += QStringLiteral("      p%1: %1\n").arg(i);
    yaml += QStringLiteral("      p7: 1\n");
    std::vector<Diagnostic> errors;
    QVERIFY(!withinDeadline("200,000 parameters", 60, [&] {
      return PipelineConfig::fromYaml(yaml, QStringLiteral("wide.yaml"), &errors).has_value();
    }));
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY2(errors.front().message.contains(QStringLiteral("'p7' is given twice")),
             qPrintable(dump(errors)));
    QCOMPARE(errors.front().where.line, 200004);
  }

  // Smaller item: a section given twice in strata.yaml silently won.
  void settingsDuplicateSection() {
    std::vector<Diagnostic> errors;
    QVERIFY(!AppSettings::fromYaml(
        QStringLiteral("cache:\n  redis: false\ndata:\n  source: csv\ncache:\n  redis: true\n"),
        QStringLiteral("strata.yaml"), &errors));
    QCOMPARE(errors.size(), std::size_t(1));
    QCOMPARE(errors.front().where.line, 5);
    QVERIFY2(errors.front().message.contains(QStringLiteral("'cache' is given twice")),
             qPrintable(dump(errors)));
    errors.clear();
    QVERIFY(!AppSettings::fromYaml(
        QStringLiteral("cache:\n  ttl_ms: 1\n  redis: false\n  redis: true\n"),
        QStringLiteral("strata.yaml"), &errors));
    QVERIFY2(dump(errors).contains(QStringLiteral("'redis' is given twice")),
             qPrintable(dump(errors)));
    errors.clear();
    QVERIFY(
        !AppSettings::fromYaml(QStringLiteral("cache: {redis: false}\n---\ncache: {redis: true}\n"),
                               QStringLiteral("strata.yaml"), &errors));
    QVERIFY2(dump(errors).contains(QStringLiteral("one YAML document")), qPrintable(dump(errors)));
  }

  // Item 8: devices and oversized files named as a config, settings or bars file.
  void devicesAndHugeFiles() {
    std::vector<Diagnostic> errors;
    QVERIFY(!withinDeadline("--config /dev/zero", kDeadlineSeconds, [&] {
      return PipelineConfig::fromFile(QStringLiteral("/dev/zero"), &errors).has_value();
    }));
    QVERIFY2(dump(errors).contains(QStringLiteral(
                 "/dev/zero: is larger than the 16 MiB accepted (not a regular file)")),
             qPrintable(dump(errors)));
    errors.clear();
    QVERIFY(!withinDeadline("--settings /dev/zero", kDeadlineSeconds, [&] {
      return AppSettings::fromFile(QStringLiteral("/dev/zero"), &errors).has_value();
    }));
    QVERIFY2(dump(errors).contains(QStringLiteral("larger than")), qPrintable(dump(errors)));
    const CsvReadResult bars = withinDeadline("readBarsCsv /dev/zero", kDeadlineSeconds, [] {
      return readBarsCsv(QStringLiteral("/dev/zero"));
    });
    QVERIFY(!bars.bars);
    QVERIFY2(bars.problems.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("/dev/zero: line 1 is longer than the 1 MiB")),
             qPrintable(bars.problems.join(QLatin1Char('\n'))));
    // A sparse 17 MiB regular file is refused by its size, without reading it.
    const QString big = write(QStringLiteral("big.yaml"), QByteArray());
    QVERIFY(QFile::resize(big, qint64(17) << 20));
    errors.clear();
    QVERIFY(!PipelineConfig::fromFile(big, &errors));
    QVERIFY2(dump(errors).contains(QStringLiteral("larger than the 16 MiB accepted")) &&
                 !dump(errors).contains(QStringLiteral("not a regular file")),
             qPrintable(dump(errors)));
  }

  // Item 3: every Thrift container's depth is bounded (50,000 nested lists overflowed the stack).
  void nestedFooter_data() {
    QTest::addColumn<char>("header");
    QTest::newRow("lists") << char(0x19);
    QTest::newRow("sets") << char(0x1a);
  }
  void nestedFooter() {
    QFETCH(char, header);
    const QString path =
        write(QStringLiteral("nested.parquet"), parquetAround(nestedListsFooter(50000, header)));
    const QString error = footerError(path);
    QVERIFY2(error.contains(path) &&
                 error.contains(QStringLiteral("nests containers more than 64 deep")),
             qPrintable(error));
  }
  void nestedMapsAndStructs() {
    // map<i32, map<...>>: each level one entry (count 1, key i32 / value map types, key 0);
    // structs: field 1 a struct, 50,000 deep.
    QByteArray maps(1, 0x2b);
    for (int i = 0; i < 50000; ++i) maps += QByteArray::fromHex("015b00");
    const QString mapPath = write(QStringLiteral("maps.parquet"), parquetAround(maps));
    QVERIFY2(footerError(mapPath).contains(QStringLiteral("more than 64 deep")),
             qPrintable(footerError(mapPath)));
    const QString structPath =
        write(QStringLiteral("structs.parquet"),
              parquetAround(QByteArray(50000, 0x1c) + QByteArray(50001, '\0')));
    QVERIFY2(footerError(structPath).contains(QStringLiteral("more than 64 deep")),
             qPrintable(footerError(structPath)));
  }
  // A 20 MB footer of one-byte values took 3.7 GB: the values are bounded (8 million), checked
  // before room is reserved for a list.
  void tooManyValues() {
    const QString path =
        write(QStringLiteral("wide.parquet"), parquetAround(manyValuesFooter(20'000'000)));
    const QString error = footerError(path);
    QVERIFY2(error.contains(QStringLiteral("holds more than 8000000 values")), qPrintable(error));
  }
  void footerLengthBounded() {
    // A sparse file whose footer length says 100 MiB: refused before reading it.
    const QString path = write(QStringLiteral("long-footer.parquet"), QByteArray());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const quint32 length = 100u << 20;
    QVERIFY(file.write("PAR1") == 4);
    QVERIFY(file.seek(qint64(length) + 4));
    QByteArray tail(4, '\0');
    std::memcpy(tail.data(), &length, 4);
    QVERIFY(file.write(tail + "PAR1") == 8);
    file.close();
    const QString error = footerError(path);
    QVERIFY2(error.contains(
                 QStringLiteral("footer of 104857600 bytes is larger than the 64 MiB accepted")),
             qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TestHostileInput)
#include "test_hostile_input.moc"
