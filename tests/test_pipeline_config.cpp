// PipelineConfig: the default pipeline, lossless round trips, and every kind of bad input
// reported at its file:line:column, validated against the real plugins loaded from disk.
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"
#include "strata/plugin_registry.h"
#include "test_support.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

using namespace strata;

namespace {

QString readFile(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

const QString kDefaultPath = QStringLiteral(STRATA_RESOURCES_DIR "/configs/default.yaml");

QString dump(const std::vector<Diagnostic>& diagnostics) {
  QStringList lines;
  for (const Diagnostic& d : diagnostics) lines << d.toString();
  return lines.join(QLatin1Char('\n'));
}

// The same value and the same QVariant type all the way down (QVariant's == would call 2 and
// 2.0 equal).
bool sameTyped(const QVariant& a, const QVariant& b, QString* why) {
  if (a.typeId() != b.typeId()) {
    *why = QStringLiteral("%1 (%2) vs %3 (%4)")
               .arg(a.toString(), QString::fromLatin1(a.typeName()), b.toString(),
                    QString::fromLatin1(b.typeName()));
    return false;
  }
  if (a.typeId() == QMetaType::QVariantList) {
    const QVariantList x = a.toList(), y = b.toList();
    if (x.size() != y.size()) return *why = QStringLiteral("list sizes differ"), false;
    for (qsizetype i = 0; i < x.size(); ++i)
      if (!sameTyped(x[i], y[i], why)) return false;
    return true;
  }
  if (a.typeId() == QMetaType::QVariantMap) {
    const QVariantMap x = a.toMap(), y = b.toMap();
    if (x.keys() != y.keys()) return *why = QStringLiteral("map keys differ"), false;
    for (auto it = x.cbegin(); it != x.cend(); ++it)
      if (!sameTyped(it.value(), y.value(it.key()), why)) return false;
    return true;
  }
  if (a.typeId() == QMetaType::Double && std::isnan(a.toDouble()) && std::isnan(b.toDouble()))
    return true;
  if (a != b) return *why = QStringLiteral("'%1' vs '%2'").arg(a.toString(), b.toString()), false;
  return true;
}

}  // namespace

class TestPipelineConfig : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<PluginRegistry> registry_;

 private slots:
  void initTestCase() {
    registry_ = std::make_unique<PluginRegistry>();
    test::loadRealPlugins(*registry_);
  }

  // The one scalar parser: parameter text reads as the YAML file reads it (the pipeline
  // editor's form uses it too), so the form and the YAML tab cannot disagree.
  void paramValueText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("leading zero is decimal") << QStringLiteral("[010]") << QVariant(QVariantList{10});
    QTest::newRow("hex stays text") << QStringLiteral("[0x10]") << QVariant(QVariantList{QStringLiteral("0x10")});
    QTest::newRow("octal-looking 0o10 stays text") << QStringLiteral("0o10") << QVariant(QStringLiteral("0o10"));
    QTest::newRow("plus sign") << QStringLiteral("[+5, -7]") << QVariant(QVariantList{5, -7});
    QTest::newRow("quoted is text") << QStringLiteral("['14']") << QVariant(QVariantList{QStringLiteral("14")});
    QTest::newRow("real") << QStringLiteral("2.5") << QVariant(2.5);
    QTest::newRow("pairs") << QStringLiteral("[[macd, macd_signal]]")
                           << QVariant(QVariantList{QVariant(QVariantList{QStringLiteral("macd"), QStringLiteral("macd_signal")})});
  }
  void paramValueText() {
    QFETCH(QString, text);
    QFETCH(QVariant, expected);
    QString error;
    const std::optional<QVariant> value = parseParamValueText(text, &error);
    QVERIFY2(value, qPrintable(error));
    QCOMPARE(*value, expected);
    // The same text in a pipeline file gives the same value.
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(
        QStringLiteral("transformations:\n  - plugin: lag\n    params: {periods: %1}\n").arg(text),
        QStringLiteral("p.yaml"), &errors);
    QVERIFY(config);
    QCOMPARE(config->steps.front().params.value(QStringLiteral("periods")), expected);
  }
  void paramValueTextNotYaml() {
    QString error;
    QVERIFY(!parseParamValueText(QStringLiteral("[1, 2"), &error));
    QVERIFY2(error.contains(QStringLiteral("not valid YAML")), qPrintable(error));
  }

  void diagnosticText() {
    const Diagnostic d{{QStringLiteral("p.yaml"), 12, 15}, QStringLiteral("indicators[0].params.window"),
                       QStringLiteral("0 is below the minimum 1")};
    QCOMPARE(d.where.toString(), QStringLiteral("p.yaml:12:15"));
    QCOMPARE(d.toString(), QStringLiteral("p.yaml:12:15: indicators[0].params.window: 0 is below the minimum 1"));
  }

  void defaultConfig() {
    std::vector<Diagnostic> errors;
    const auto fromFile = PipelineConfig::fromFile(kDefaultPath, &errors);
    QVERIFY2(fromFile, qPrintable(dump(errors)));
    // The compiled-in copy is the file, byte for byte, and parses to the same pipeline.
    QCOMPARE(PipelineConfig::defaultYaml(), readFile(kDefaultPath));
    const PipelineConfig c = PipelineConfig::defaults();
    QCOMPARE(c, *fromFile);

    QCOMPARE(c.steps.size(), std::size_t(11));
    QStringList plugins;
    for (const StepConfig& s : c.steps) plugins << stageName(s.stage) + QLatin1Char(':') + s.plugin;
    QCOMPARE(plugins, QStringList({"indicators:rsi", "indicators:macd", "indicators:bollinger",
                                   "indicators:atr", "indicators:obv", "microstructure:microstructure",
                                   "transformations:lag", "transformations:diff",
                                   "transformations:pct_change", "transformations:rolling",
                                   "transformations:crossover"}));
    QCOMPARE(c.steps[0].params.value("window").typeId(), int(QMetaType::Int));
    QCOMPARE(c.steps[0].params.value("window").toInt(), 14);
    QCOMPARE(c.steps[0].params.value("smoothing"), QVariant(QStringLiteral("sma")));
    QCOMPARE(c.steps[2].params.value("num_std_dev").typeId(), int(QMetaType::Double));
    QCOMPARE(c.steps[6].params.value("periods"), QVariant(QVariantList{1, 2, 3, 5, 10}));
    QCOMPARE(c.steps[10].params.value("pairs"),
             QVariant(QVariantList{QVariantList{"macd", "macd_signal"}, QVariantList{"close", "bb_middle"}}));
    QCOMPARE(c.steps[6].applyTo, ApplyTo::Base);
    QVERIFY(c.steps[6].keyLocations.contains("apply_to"));
    QCOMPARE(c.steps[0].keyLocations.value("params.window").line, 6);
    QVERIFY(c.target.enabled);
    QCOMPARE(c.target.horizon, 1);
    QCOMPARE(c.normalization.method, NormMethod::MinMax);
    QCOMPARE(c.normalization.fit, NormFit::All);
    QCOMPARE(c.normalization.infPolicy, InfPolicy::Spec);

    const std::vector<Diagnostic> problems = c.validate(*registry_);
    QVERIFY2(problems.empty(), qPrintable(dump(problems)));
    // The file's comment: 678 feature columns (26 base columns and their transformations).
    std::vector<Diagnostic> buildErrors;
    const auto pipeline = Pipeline::build(c, *registry_, &buildErrors);
    QVERIFY2(pipeline, qPrintable(dump(buildErrors)));
    QCOMPARE(pipeline->plannedColumns().size(), 678);
  }

  void roundTrip_data() {
    QTest::addColumn<QString>("yaml");
    QTest::newRow("default") << readFile(kDefaultPath);
    QTest::newRow("every feature") << QStringLiteral(R"(# a comment
indicators:
  - plugin: rsi
    enabled: false
    suffix: _slow
    params: {window: 30, smoothing: wilder}
  - plugin: rsi
    enabled: true
    params:
      smoothing: ema
      window: 7
  - plugin: bollinger
    params: {window: 20, num_std_dev: 2.5, ddof: 0}
  - plugin: obv
    params: {}
microstructure:
  - plugin: microstructure
transformations:
  - plugin: lag
    apply_to: all
    params: {periods: [1, 2, 3]}
  - plugin: diff
    apply_to: [close, "rsi*", "bb_?", "[ab]*", "x?y", "a,b"]
    params: {periods: [1]}
  - plugin: pct_change
    apply_to: "*_lag_1"
  - plugin: rolling
    apply_to: base
    params: {windows: [5, 10], functions: [mean, max], ddof: 0}
  - plugin: crossover
    suffix: "2"
    params: {pairs: [[macd, macd_signal], [close, open]]}
target: {enabled: false, horizon: 5, seed_compat: true}
normalization: {method: none, fit: train_fraction, train_fraction: 0.8, inf_policy: clip}
)");
    QTest::newRow("awkward values") << QStringLiteral(R"(indicators:
  - plugin: x
    suffix: "a: b"
    params:
      quoted_int: "14"
      quoted_bool: "true"
      quoted_null: "null"
      tilde: "~"
      empty: ""
      colon: "a: b"
      hash: "#x"
      brackets: "[x]"
      spaces: "  padded  "
      newline: "two\nlines"
      unicode: "zürich ✓"
      plain: hello world
      yes_word: yes
      negative: -3
      plus: +4
      big: 12345678901234
      huge: 99999999999999999999999
      tiny: 1.0e-7
      tenth: 0.1
      whole_double: 3.0
      exponent: 2e5
      infinite: .inf
      minus_infinite: -.inf
      not_a_number: .nan
      nan_word: nan
      inf_word: inf
      nothing: ~
      nothing2:
      nested: [[1, [2, 3]], [a, "b"], []]
      map: {a: 1, b: [x, y]}
      flags: [true, false, "false"]
)");
    QTest::newRow("only target") << QStringLiteral("target: {horizon: 3}\n");
    QTest::newRow("fit expanding") << QStringLiteral(
        "normalization: {fit: expanding, inf_policy: nan, method: minmax}\n"
        "target:\n  horizon: 2\n  seed_compat: false\n");
    QTest::newRow("inf keep") << QStringLiteral("normalization: {inf_policy: keep, train_fraction: 0.25}\n");
    QTest::newRow("precision float32") << QStringLiteral("target: {horizon: 2}\nprecision: float32\n");
    QTest::newRow("precision float64 written") << QStringLiteral("precision: float64\ntarget: {horizon: 2}\n");
  }

  void roundTrip() {
    QFETCH(QString, yaml);
    std::vector<Diagnostic> errors;
    const auto first = PipelineConfig::fromYaml(yaml, QStringLiteral("in.yaml"), &errors);
    QVERIFY2(first, qPrintable(dump(errors)));
    const QString written = first->toYaml();
    const auto second = PipelineConfig::fromYaml(written, QStringLiteral("out.yaml"), &errors);
    QVERIFY2(second, qPrintable(dump(errors) + QStringLiteral("\n") + written));
    QCOMPARE(second->steps.size(), first->steps.size());
    for (std::size_t i = 0; i < first->steps.size(); ++i) {
      QCOMPARE(second->steps[i].applyToPatterns, first->steps[i].applyToPatterns);
      QCOMPARE(second->steps[i].params.keys(), first->steps[i].params.keys());
      for (const QString& k : first->steps[i].params.keys()) {
        QString why;
        QVERIFY2(sameTyped(second->steps[i].params.value(k), first->steps[i].params.value(k), &why),
                 qPrintable(k + QStringLiteral(": ") + why + QStringLiteral("\n") + written));
      }
    }
    QVERIFY2(*second == *first, qPrintable(written));
    // Writing is stable: the second write is the first, byte for byte.
    QCOMPARE(second->toYaml(), written);
    // Parameters keep the order the user wrote them in. Steps are written in order, one
    // "- plugin: " each.
    const QStringList chunks = written.split(QStringLiteral("- plugin: "));
    QCOMPARE(chunks.size(), qsizetype(first->steps.size() + 1));
    for (std::size_t k = 0; k < first->steps.size(); ++k) {
      const StepConfig& s = first->steps[k];
      const QString& chunk = chunks[static_cast<qsizetype>(k + 1)];
      if (s.params.size() < 2) continue;
      QStringList byPosition = s.params.keys();
      std::sort(byPosition.begin(), byPosition.end(), [&](const QString& a, const QString& b) {
        const SourceLocation la = s.keyLocations.value("params." + a), lb = s.keyLocations.value("params." + b);
        return std::pair{la.line, la.column} < std::pair{lb.line, lb.column};
      });
      qsizetype last = -1;
      for (const QString& name : byPosition) {
        const qsizetype at = chunk.indexOf(QRegularExpression(QStringLiteral("[{ ]%1:").arg(name)));
        QVERIFY2(at > last, qPrintable(name + QStringLiteral(" out of order in\n") + written));
        last = at;
      }
    }
  }

  // precision is part of what the cache key hashes (toYaml): float32 changes the text; the
  // default float64 leaves it as it was before the key existed, so old cache entries still hit.
  void precisionInTheCanonicalText() {
    PipelineConfig c = PipelineConfig::defaults();
    QCOMPARE(c.precision, Precision::Float64);
    const QString float64Text = c.toYaml();
    QVERIFY2(!float64Text.contains(QStringLiteral("precision")), qPrintable(float64Text));
    c.precision = Precision::Float32;
    const QString float32Text = c.toYaml();
    QVERIFY2(float32Text.contains(QStringLiteral("\nprecision: float32\n")), qPrintable(float32Text));
    QVERIFY(!(c == PipelineConfig::defaults()));
    std::vector<Diagnostic> errors;
    const auto back = PipelineConfig::fromYaml(float32Text, QStringLiteral("f32.yaml"), &errors);
    QVERIFY2(back && back->precision == Precision::Float32, qPrintable(dump(errors)));
    QVERIFY(back->keyLocations.contains(QStringLiteral("precision")));
  }

  void roundTripProgrammatic() {
    // A config built in code (as the GUI does), with the types code tends to use.
    PipelineConfig c;
    StepConfig rsi;
    rsi.plugin = QStringLiteral("rsi");
    rsi.params = {{"window", 21}, {"smoothing", QStringLiteral("ema")}};
    StepConfig roll;
    roll.stage = Stage::Transformations;
    roll.plugin = QStringLiteral("rolling");
    roll.applyTo = ApplyTo::Columns;
    roll.applyToPatterns = {QStringLiteral("close"), QStringLiteral("rsi*")};
    roll.params = {{"windows", QVariantList{3, 4}}, {"functions", QVariantList{"mean", "std"}}};
    roll.suffix = QStringLiteral("_x");
    roll.enabled = false;
    c.steps = {rsi, roll};
    c.target.horizon = 4;
    c.normalization.fit = NormFit::TrainFraction;
    c.normalization.trainFraction = 0.6;
    const QString written = c.toYaml();
    std::vector<Diagnostic> errors;
    const auto back = PipelineConfig::fromYaml(written, {}, &errors);
    QVERIFY2(back, qPrintable(dump(errors)));
    QVERIFY2(*back == c, qPrintable(written));
    QVERIFY(back->validate(*registry_).empty());
    // Readable: one line per short list.
    QVERIFY2(written.contains(QStringLiteral("windows: [3, 4]")), qPrintable(written));
    QVERIFY2(written.contains(QStringLiteral("apply_to: [close, rsi*]")), qPrintable(written));
  }

  void badInput_data() {
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<bool>("parses");  // true: structurally fine, refused by validate()
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");

    // Columns are 1-based and point at the offending value (or key, for unknown keys).
    QTest::newRow("window 0") << "indicators:\n  - plugin: rsi\n    params: {window: 0}\n" << true
                              << 3 << 22 << "indicators[0].params.window" << "0 is below the minimum 1";
    QTest::newRow("window block style") << "indicators:\n  - plugin: atr\n    params:\n      smoothing: sma\n      window: -5\n"
                                        << true << 5 << 15 << "indicators[0].params.window"
                                        << "-5 is below the minimum 1";
    QTest::newRow("negative period") << "transformations:\n  - plugin: lag\n    params: {periods: [1, -2]}\n"
                                     << true << 3 << 23 << "transformations[0].params.periods"
                                     << "element 2: -2 is below the minimum 1";
    QTest::newRow("wrong type") << "indicators:\n  - plugin: rsi\n    params: {window: fourteen}\n"
                                << true << 3 << 22 << "indicators[0].params.window"
                                << "expected a whole number, got 'fourteen'";
    QTest::newRow("fractional int") << "indicators:\n  - plugin: macd\n    params: {fast_period: 2.5}\n"
                                    << true << 3 << 27 << "indicators[0].params.fast_period"
                                    << "expected a whole number, got 2.5";
    // A quoted value's location is its text's first character, past the quote.
    QTest::newRow("quoted number") << "indicators:\n  - plugin: bollinger\n    params: {num_std_dev: \"2\"}\n"
                                   << true << 3 << 28 << "indicators[0].params.num_std_dev"
                                   << "expected a number, got '2'";
    QTest::newRow("huge number") << "indicators:\n  - plugin: rsi\n    params: {window: 99999999999999999999999}\n"
                                 << true << 3 << 22 << "indicators[0].params.window" << "above the maximum 100000";
    QTest::newRow("overflowing number") << "indicators:\n  - plugin: rsi\n    params: {window: 1e999}\n"
                                        << true << 3 << 22 << "indicators[0].params.window"
                                        << "expected a whole number, got '1e999'";
    QTest::newRow("null value") << "indicators:\n  - plugin: rsi\n    params: {window: ~}\n"
                                << true << 3 << 22 << "indicators[0].params.window"
                                << "expected a whole number, got nothing";
    QTest::newRow("unknown plugin") << "indicators:\n  - plugin: rsx\n" << true << 2 << 13
                                    << "indicators[0].plugin"
                                    << "unknown plugin 'rsx' (did you mean 'rsi'?); available: ";
    QTest::newRow("wrong stage") << "transformations:\n  - plugin: rsi\n" << true << 2 << 13
                                 << "transformations[0].plugin"
                                 << "'rsi' is an indicator plugin; it belongs under indicators";
    QTest::newRow("unknown parameter") << "indicators:\n  - plugin: rsi\n    params: {windw: 3}\n"
                                       << true << 3 << 21 << "indicators[0].params.windw"
                                       << "unknown parameter 'windw' (did you mean 'window'?)";
    QTest::newRow("bad choice") << "indicators:\n  - plugin: atr\n    params: {smoothing: wilders}\n"
                                << true << 3 << 25 << "indicators[0].params.smoothing"
                                << "'wilders' is not one of sma|wilder|ema";
    QTest::newRow("bad list choice") << "transformations:\n  - plugin: rolling\n    params: {functions: [mean, median]}\n"
                                     << true << 3 << 25 << "transformations[0].params.functions"
                                     << "element 2: 'median' is not one of mean|std|min|max";
    QTest::newRow("duplicate period") << "transformations:\n  - plugin: diff\n    params: {periods: [1, 1]}\n"
                                      << true << 3 << 23 << "transformations[0].params.periods"
                                      << "1 is listed twice";
    QTest::newRow("empty periods") << "transformations:\n  - plugin: diff\n    params: {periods: []}\n"
                                   << true << 3 << 23 << "transformations[0].params.periods"
                                   << "the list is empty";
    QTest::newRow("periods scalar") << "transformations:\n  - plugin: diff\n    params: {periods: 3}\n"
                                    << true << 3 << 23 << "transformations[0].params.periods"
                                    << "expected a list of whole numbers, got 3";
    QTest::newRow("bad pair") << "transformations:\n  - plugin: crossover\n    params: {pairs: [[macd]]}\n"
                              << true << 3 << 21 << "transformations[0].params.pairs"
                              << "element 1: expected a pair of column names [a, b], got ['macd']";
    QTest::newRow("apply_to on crossover") << "transformations:\n  - plugin: crossover\n    apply_to: all\n"
                                           << true << 3 << 15 << "transformations[0].apply_to"
                                           << "'crossover' takes the columns named in its parameters";
    QTest::newRow("second step located") << "indicators:\n  - plugin: rsi\n  - plugin: macd\n    params:\n      slow_period: 0\n"
                                         << true << 5 << 20 << "indicators[1].params.slow_period"
                                         << "0 is below the minimum 1";

    QTest::newRow("unknown key") << "indicators:\n  - plugin: rsi\n    paramz: {window: 3}\n" << false
                                 << 3 << 5 << "indicators[0].paramz"
                                 << "unknown key 'paramz' (did you mean 'params'?)";
    QTest::newRow("unknown top key") << "indicator:\n  - plugin: rsi\n" << false << 1 << 1 << "indicator"
                                     << "unknown key 'indicator' (did you mean 'indicators'?)";
    QTest::newRow("unknown target key") << "target: {horizn: 2}\n" << false << 1 << 10
                                        << "target.horizn" << "unknown key 'horizn' (did you mean 'horizon'?)";
    QTest::newRow("apply_to on indicator") << "indicators:\n  - plugin: rsi\n    apply_to: all\n" << false
                                           << 3 << 15 << "indicators[0].apply_to"
                                           << "only transformations take apply_to";
    QTest::newRow("bad enum") << "normalization: {method: zscore}\n" << false << 1 << 25
                              << "normalization.method" << "expected one of minmax|none, got 'zscore'";
    QTest::newRow("bad enum suggestion") << "normalization:\n  fit: train_fractoin\n" << false << 2 << 8
                                         << "normalization.fit" << "(did you mean 'train_fraction'?)";
    QTest::newRow("train_fraction 1.5") << "normalization: {train_fraction: 1.5}\n" << false << 1 << 33
                                        << "normalization.train_fraction"
                                        << "expected a number between 0 and 1 (exclusive), got '1.5'";
    QTest::newRow("train_fraction text") << "normalization:\n  train_fraction: most\n" << false << 2 << 19
                                         << "normalization.train_fraction" << "got 'most'";
    QTest::newRow("horizon 0") << "target:\n  horizon: 0\n" << false << 2 << 12 << "target.horizon"
                               << "expected a whole number of bars from 1 to 1000000, got '0'";
    QTest::newRow("enabled not bool") << "indicators:\n  - plugin: obv\n    enabled: maybe\n" << false << 3
                                      << 14 << "indicators[0].enabled" << "expected true or false";
    QTest::newRow("missing plugin") << "indicators:\n  - params: {window: 3}\n" << false << 2 << 5
                                    << "indicators[0].plugin" << "missing 'plugin: <id>'";
    QTest::newRow("plugin is a list") << "indicators:\n  - plugin: [rsi]\n" << false << 2 << 5
                                      << "indicators[0].plugin" << "missing 'plugin: <id>'";
    QTest::newRow("step not a map") << "indicators:\n  - rsi\n" << false << 2 << 5 << "indicators[0]"
                                    << "a step is a mapping";
    QTest::newRow("map instead of list") << "indicators:\n  plugin: rsi\n" << false << 2 << 3
                                         << "indicators" << "expected a list of steps";
    QTest::newRow("list instead of map") << "target: [1, 2]\n" << false << 1 << 9 << "target"
                                         << "expected a mapping";
    QTest::newRow("params not a map") << "indicators:\n  - plugin: rsi\n    params: [14]\n" << false << 3
                                      << 13 << "indicators[0].params" << "expected a mapping of parameter: value";
    QTest::newRow("duplicate key") << "indicators:\n  - plugin: rsi\n    plugin: macd\n" << false << 3 << 5
                                   << "indicators[0].plugin" << "'plugin' is given twice";
    QTest::newRow("duplicate param") << "indicators:\n  - plugin: rsi\n    params: {window: 3, window: 4}\n"
                                     << false << 3 << 25 << "indicators[0].params.window"
                                     << "'window' is given twice";
    QTest::newRow("empty apply_to") << "transformations:\n  - plugin: lag\n    apply_to: []\n" << false << 3
                                    << 15 << "transformations[0].apply_to" << "non-empty list";
    QTest::newRow("empty apply_to text") << "transformations:\n  - plugin: lag\n    apply_to: \"\"\n" << false
                                         << 3 << 15 << "transformations[0].apply_to" << "expected base, all";
    QTest::newRow("root is a list") << "- plugin: rsi\n" << false << 1 << 1 << "" << "expected a mapping";
    QTest::newRow("root is text") << "hello\n" << false << 1 << 1 << "" << "expected a mapping";
    QTest::newRow("empty file") << "" << false << 1 << 1 << "" << "the pipeline is empty";
    QTest::newRow("precision float16") << "target: {horizon: 2}\nprecision: float16\n" << false << 2 << 12
                                       << "precision" << "expected one of float64|float32, got 'float16'";
    QTest::newRow("precision number") << "precision: 3\n" << false << 1 << 12 << "precision"
                                      << "expected one of float64|float32, got '3'";
    QTest::newRow("precision list") << "precision: [float32]\n" << false << 1 << 12 << "precision"
                                    << "expected one of float64|float32";
    QTest::newRow("only comments") << "# nothing here\n\n" << false << 1 << 1 << "" << "the pipeline is empty";
    QTest::newRow("two documents") << "target: {horizon: 2}\n---\ntarget: {horizon: 3}\n" << false << 3 << 1
                                   << "" << "a pipeline file holds one YAML document; this is document 2";
    QTest::newRow("malformed YAML") << "indicators:\n  - plugin: rsi\n    params: {window: 14\n" << false
                                    << 4 << 1 << "" << "not valid YAML: ";
    QTest::newRow("bad indentation") << "indicators:\n  - plugin: rsi\n     params: {}\n" << false << 3 << 12
                                     << "" << "not valid YAML: ";
    QTest::newRow("tab indentation") << "indicators:\n\t- plugin: rsi\n" << false << 2 << 2 << ""
                                     << "not valid YAML: ";
    // Refused at the limit (64 levels; an unclosed '[' opens two), not where yaml-cpp gives up.
    QTest::newRow("deep nesting") << "indicators: " + QString(5000, QLatin1Char('[')) + "\n" << false << 1
                                  << 45 << "" << "nested more than 64 levels deep";
  }

  void badInput() {
    QFETCH(QString, yaml);
    QFETCH(bool, parses);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, key);
    QFETCH(QString, message);
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(yaml, QStringLiteral("bad.yaml"), &errors);
    if (parses) {
      QVERIFY2(config, qPrintable(dump(errors)));
      errors = config->validate(*registry_);
      // Pipeline::build refuses it the same way.
      std::vector<Diagnostic> buildErrors;
      QVERIFY(!Pipeline::build(*config, *registry_, &buildErrors));
      QVERIFY(!buildErrors.empty());
    } else {
      QVERIFY2(!config, qPrintable(yaml));
    }
    QVERIFY2(!errors.empty(), "no diagnostic");
    bool matched = false;
    for (const Diagnostic& d : errors) {
      QCOMPARE(d.where.file, QStringLiteral("bad.yaml"));
      if (d.where.line == line && d.where.column == column && d.key == key && d.message.contains(message))
        matched = true;
    }
    QVERIFY2(matched, qPrintable(QStringLiteral("expected bad.yaml:%1:%2: %3: ...%4...\ngot:\n%5")
                                     .arg(line).arg(column).arg(key, message, dump(errors))));
    // One problem, one diagnostic.
    QVERIFY2(errors.size() == 1, qPrintable(dump(errors)));
  }

  void collectsEveryError() {
    const QString yaml = QStringLiteral(
        "indicators:\n"
        "  - plugin: rsi\n"
        "    params: {window: 0, smoothing: fast}\n"
        "  - plugin: nope\n"
        "  - plugin: macd\n"
        "    params: {fast_period: -1, slow_perod: 3}\n"
        "transformations:\n"
        "  - plugin: lag\n"
        "    params: {periods: [0]}\n");
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(yaml, QStringLiteral("many.yaml"), &errors);
    QVERIFY2(config, qPrintable(dump(errors)));
    errors = config->validate(*registry_);
    QStringList got;
    for (const Diagnostic& d : errors) got << QStringLiteral("%1:%2 %3").arg(d.where.line).arg(d.where.column).arg(d.key);
    got.sort();
    QStringList expected = {"3:22 indicators[0].params.window", "3:36 indicators[0].params.smoothing",
                            "4:13 indicators[1].plugin", "6:27 indicators[2].params.fast_period",
                            "6:43 indicators[2].params.slow_perod", "9:23 transformations[0].params.periods"};
    expected.sort();
    QCOMPARE(got, expected);

    const QString structural = QStringLiteral(
        "indicatorz: []\n"
        "target: {horizon: -1, enabled: 3}\n"
        "normalization: {method: z, fit: x, inf_policy: y, train_fraction: 2}\n");
    errors.clear();
    QVERIFY(!PipelineConfig::fromYaml(structural, QStringLiteral("s.yaml"), &errors));
    QCOMPARE(errors.size(), std::size_t(7));
  }

  void validateTargetAndNormalization() {
    // Values set in code are checked too, located where the file set them when it did.
    std::vector<Diagnostic> errors;
    auto c = PipelineConfig::fromYaml(QStringLiteral("target:\n  horizon: 2\nnormalization:\n  train_fraction: 0.5\n"),
                                      QStringLiteral("t.yaml"), &errors);
    QVERIFY(c);
    c->target.horizon = 0;
    c->normalization.trainFraction = 1.0;
    errors = c->validate(*registry_);
    QCOMPARE(errors.size(), std::size_t(2));
    QCOMPARE(errors[0].where.toString(), QStringLiteral("t.yaml:2:12"));
    QCOMPARE(errors[0].key, QStringLiteral("target.horizon"));
    QCOMPARE(errors[1].where.toString(), QStringLiteral("t.yaml:4:19"));
    QCOMPARE(errors[1].key, QStringLiteral("normalization.train_fraction"));
    PipelineConfig fresh;
    fresh.normalization.trainFraction = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(fresh.validate(*registry_).size(), std::size_t(1));
  }

  void unreadableFile() {
    std::vector<Diagnostic> errors;
    QVERIFY(!PipelineConfig::fromFile(QStringLiteral("/nonexistent/p.yaml"), &errors));
    QCOMPARE(errors.size(), std::size_t(1));
    QVERIFY(errors[0].toString().startsWith(QStringLiteral("/nonexistent/p.yaml: cannot read")));
  }

  void neverCrashes() {
    // Seeded random edits of the default config: each either parses (then writes, re-reads and
    // validates) or yields located diagnostics. Nothing may crash or throw.
    const QString base = readFile(kDefaultPath);
    const QString alphabet = QStringLiteral(":-[]{},#&*!|>'\"% \n\t?0123456789abcxyz.~");
    std::mt19937_64 rng(7);
    int parsed = 0;
    for (int round = 0; round < 1500; ++round) {
      QString text = base;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !text.isEmpty(); ++e) {
        const auto at = static_cast<qsizetype>(rng() % static_cast<std::uint64_t>(text.size()));
        switch (rng() % 4) {
          case 0: text.remove(at, 1 + static_cast<qsizetype>(rng() % 8)); break;
          case 1: text.insert(at, alphabet[static_cast<qsizetype>(rng() % alphabet.size())]); break;
          case 2: text[at] = alphabet[static_cast<qsizetype>(rng() % alphabet.size())]; break;
          default: text.truncate(at); break;
        }
      }
      std::vector<Diagnostic> errors;
      const auto c = PipelineConfig::fromYaml(text, QStringLiteral("fuzz.yaml"), &errors);
      if (c) {
        ++parsed;
        QVERIFY(errors.empty());
        const auto again = PipelineConfig::fromYaml(c->toYaml(), QStringLiteral("fuzz2.yaml"), &errors);
        QVERIFY2(again && *again == *c, qPrintable(text + QStringLiteral("\n---\n") + c->toYaml()));
        (void)c->validate(*registry_);
      } else {
        QVERIFY(!errors.empty());
        for (const Diagnostic& d : errors) {
          QVERIFY2(d.where.line >= 1 && d.where.column >= 1, qPrintable(d.toString()));
          QVERIFY(!d.message.isEmpty());
        }
      }
    }
    QVERIFY(parsed > 0);
  }
};

QTEST_GUILESS_MAIN(TestPipelineConfig)
#include "test_pipeline_config.moc"
