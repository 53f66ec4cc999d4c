// Plugin metadata and loading: purpose-built bad plugins (wrong API version, duplicate ids, a
// missing symbol, malformed metadata, a compute() that throws) are refused or fail with a
// reason naming the problem, while the real plugins and the good test plugin keep working.
#include "strata/pipeline.h"
#include "strata/plugin_info.h"
#include "strata/plugin_registry.h"
#include "strata/synthetic.h"
#include "test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPluginLoader>
#include <QTest>

#include <memory>

using namespace strata;

namespace {

const QString kBadDir = QStringLiteral(STRATA_BAD_PLUGIN_DIR);
const QString kRealDir = QStringLiteral(STRATA_PLUGIN_DIR);

QString libraryFile(const QString& name) {
  return QStringLiteral("libstrata_test_%1.so").arg(name);
}

QJsonObject json(const char* text) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
  if (error.error != QJsonParseError::NoError) qFatal("bad JSON in test: %s", qPrintable(error.errorString()));
  return doc.object();
}

/// JSON written with ' for " (display hints are mostly quotes).
QJsonObject singleQuotedJson(const char* text) { return json(QByteArray(text).replace('\'', '"').constData()); }

}  // namespace

class TestPluginLoader : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<PluginRegistry> registry_;

  const RefusedPlugin* refusal(const QString& file) const {
    for (const RefusedPlugin& r : registry_->refused())
      if (QFileInfo(r.path).fileName() == file) return &r;
    return nullptr;
  }

 private slots:
  void initTestCase() {
    registry_ = std::make_unique<PluginRegistry>();
    test::loadRealPlugins(*registry_);
    QVERIFY(registry_->refused().empty());
    QVERIFY(QDir(kBadDir).exists());
    registry_->loadDirectory(kBadDir);
    for (const RefusedPlugin& r : registry_->refused()) qInfo() << "refused" << r.path << r.id << r.reason;
  }

  // --- Metadata parsing, without any library ------------------------------------------------

  void metadata_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");  // empty: valid
    const auto row = [](const char* name, const char* text, const char* error) {
      QTest::newRow(name) << QString::fromUtf8(text) << QString::fromUtf8(error);
    };
    row("valid", R"({"id": "x", "kind": "transform", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "{column}_x_{period}", "lookback": "period + max(window, 2) - 1"}],
        "parameters": [{"name": "window", "type": "int", "default": 3, "min": 1, "max": 9},
                       {"name": "periods", "type": "int_list", "default": [1, 2]}]})", "");
    row("missing id", R"({"kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}]})", "missing 'id'");
    row("bad id", R"({"id": "My Plugin", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}]})", "'id' must be lower-case");
    row("missing kind", R"({"id": "x", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}]})", "missing 'kind'");
    row("bad kind", R"({"id": "x", "kind": "filter", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}]})",
        "'kind' must be one of indicator|microstructure|transform|formula, not 'filter'");
    row("missing version", R"({"id": "x", "kind": "indicator", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}]})", "missing 'version'");
    row("missing apiVersion", R"({"id": "x", "kind": "indicator", "version": "1",
        "outputs": [{"name": "x", "lookback": "0"}]})", "missing 'apiVersion'");
    row("no outputs", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1})", "no 'outputs'");
    row("output without lookback", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x"}]})", "output 'x' has no 'lookback'");
    row("bad lookback name", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "windw - 1"}],
        "parameters": [{"name": "window", "type": "int", "default": 3}]})",
        "output 'x': lookback 'windw - 1': unknown name 'windw'");
    row("bad lookback syntax", R"j({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "max(1 2)"}]})j", "output 'x': lookback 'max(1 2)'");
    row("min above max", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "window", "type": "int", "default": 4, "min": 5, "max": 3}]})",
        "parameter 'window': min 5 is above max 3");
    row("min not a number", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "window", "type": "int", "default": 4, "min": "one"}]})",
        "parameter 'window': 'min' must be a number");
    row("unknown type", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "alpha", "type": "float", "default": 0.5}]})",
        "parameter 'alpha': unknown type 'float'");
    row("no default", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "window", "type": "int"}]})", "parameter 'window' has no 'default'");
    row("default out of range", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "window", "type": "int", "default": 0, "min": 1}]})",
        "parameter 'window': default: 0 is below the minimum 1");
    row("choice without choices", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "mode", "type": "choice", "default": "a"}]})",
        "parameter 'mode': a choice needs 'choices'");
    row("default not a choice", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "mode", "type": "choice", "default": "c", "choices": ["a", "b"]}]})",
        "parameter 'mode': default: 'c' is not one of a|b");
    row("parameter twice", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "w", "type": "int", "default": 1}, {"name": "w", "type": "int", "default": 2}]})",
        "parameter 'w' is declared twice");
    row("applyTo not bool", R"({"id": "x", "kind": "transform", "version": "1", "apiVersion": 1, "applyTo": "no",
        "outputs": [{"name": "x", "lookback": "0"}]})", "'applyTo' must be true or false");
    row("parameters not a list", R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}], "parameters": {"w": 1}})", "'parameters' must be a list");
    row("empty", "{}", "no metadata");
  }

  void metadata() {
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString problem;
    const auto info = PluginInfo::fromJson(json(text.toUtf8().constData()), &problem);
    if (error.isEmpty()) {
      QVERIFY2(info, qPrintable(problem));
      QCOMPARE(info->kind, QStringLiteral("transform"));
      QVERIFY(info->usesApplyTo);
      QCOMPARE(info->param(QStringLiteral("periods"))->defaultValue, QVariant(QVariantList{1, 2}));
    } else {
      QVERIFY2(!info, "accepted");
      QVERIFY2(problem.contains(error), qPrintable(problem));
    }
  }

  void displayHintRefused_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("output");   // the output name (placeholders for "when")
    QTest::addColumn<QString>("display");  // its "display" JSON
    QTest::addColumn<QString>("error");
    const auto row = [](const char* name, const char* kind, const char* output, const char* display, const char* error) {
      QTest::newRow(name) << QString::fromUtf8(kind) << QString::fromUtf8(output) << QString::fromUtf8(display)
                          << QString::fromUtf8(error);
    };
    row("not an object", "indicator", "x", "3", "output 'x': 'display' must be an object or a list of objects");
    row("entry not an object", "indicator", "x", "[3]", "output 'x': display[0] must be an object");
    row("unknown key", "indicator", "x", "{'colour': '#ffffff'}", "output 'x': display: unknown key 'colour' (keys: when, pane,");
    row("unknown pane", "indicator", "x", "{'pane': 'left'}", "display: 'pane' must be one of own|price|input");
    row("input pane of an indicator", "indicator", "x", "{'pane': 'input'}", "'pane: input' is for transforms (an indicator's output says price or own)");
    row("unknown style", "indicator", "x", "{'style': 'area'}", "'style' must be one of line|histogram|band|markers");
    row("band without lower", "indicator", "x", "{'pane': 'price', 'style': 'band'}", "'style: band' needs 'lower'");
    row("lower without band", "indicator", "x", "{'lower': 'y'}", "'lower' is for 'style: band'");
    row("lower unknown", "indicator", "x", "{'style': 'band', 'lower': 'y'}",
        "'lower' names 'y', which is not an output of this plugin (outputs: x)");
    row("lower itself", "indicator", "x", "{'style': 'band', 'lower': 'x'}", "'lower' names the output itself");
    row("group on price", "indicator", "x", "{'pane': 'price', 'group': 'g'}", "'group' is for outputs in their own pane");
    row("group empty", "indicator", "x", "{'group': ''}", "'group' must be a name");
    row("range reversed", "indicator", "x", "{'range': [100, 0]}", "'range' must be [low, high], two numbers with low below high");
    row("range of one", "indicator", "x", "{'range': [1]}", "'range' must be [low, high]");
    row("range on price", "indicator", "x", "{'pane': 'price', 'range': [0, 1]}", "'range' is for outputs in their own pane");
    row("guides not numbers", "indicator", "x", "{'guides': ['30']}", "'guides' must be a list of numbers");
    row("guide outside the range", "indicator", "x", "{'range': [0, 100], 'guides': [30, 170]}",
        "guide 170 lies outside the range [0, 100]");
    row("guides on price", "indicator", "x", "{'pane': 'price', 'guides': [1]}", "'guides' is for outputs in their own pane");
    row("signal not bool", "transform", "x", "{'signal': 1}", "'signal' must be true or false");
    row("signal with a pane", "transform", "x", "{'signal': true, 'pane': 'own'}",
        "a signal is drawn as markers on the price chart: 'pane' does not apply");
    row("selected not bool", "indicator", "x", "{'selected': 'no'}", "'selected' must be true or false");
    row("bad color", "indicator", "x", "{'color': 'red'}", "'color' must be \"#rrggbb\"");
    row("when not an object", "transform", "{column}_x", "{'when': 'std'}", "'when' must be an object");
    row("when unknown placeholder", "transform", "{column}_x_{function}", "{'when': {'fn': 'std'}}",
        "'when' names 'fn', which is not a placeholder of '{column}_x_{function}'");
    row("when bad value", "transform", "{column}_x_{function}", "{'when': {'function': []}}",
        "'when': 'function' must be a name, a number or a list of them");
    row("unreachable entry", "transform", "{column}_x", "[{'pane': 'own'}, {'pane': 'input'}]",
        "display[0] has no 'when', so the entries after it never apply");
    row("bad entry named", "transform", "{column}_x_{function}", "[{'when': {'function': 'std'}}, {'style': 'dots'}]",
        "output '{column}_x_{function}': display[1]: 'style' must be one of");
  }

  void displayHintRefused() {
    QFETCH(QString, kind);
    QFETCH(QString, output);
    QFETCH(QString, display);
    QFETCH(QString, error);
    const QString doc = QStringLiteral("{'id': 'x', 'kind': '%1', 'version': '1', 'apiVersion': 1, "
                                       "'outputs': [{'name': '%2', 'lookback': '0', 'display': %3}]}")
                            .arg(kind, output, display);
    QString problem;
    QVERIFY2(!PluginInfo::fromJson(singleQuotedJson(doc.toUtf8().constData()), &problem), "accepted");
    QVERIFY2(problem.contains(error), qPrintable(problem));
  }

  void displayHints() {
    QString problem;
    const auto info = PluginInfo::fromJson(singleQuotedJson(
        "{'id': 'x', 'kind': 'transform', 'version': '1', 'apiVersion': 1, 'outputs': ["
        "  {'name': '{column}_roll_{window}_{function}', 'lookback': '0', 'display': ["
        "    {'when': {'function': ['std', 'var']}, 'pane': 'own', 'range': [0, 5], 'guides': [1],"
        "     'color': '#00ff00', 'selected': true},"
        "    {'when': {'window': 5}, 'pane': 'own', 'group': 'five', 'style': 'histogram'},"
        "    {'pane': 'input'}]},"
        "  {'name': '{column}_upper', 'lookback': '0', 'display': {'pane': 'price', 'style': 'band', 'lower': '{column}_lower'}},"
        "  {'name': '{column}_lower', 'lookback': '0', 'display': {'pane': 'price', 'style': 'markers'}},"
        "  {'name': '{column}_cross', 'lookback': '0', 'display': {'signal': true}},"
        "  {'name': '{column}_plain', 'lookback': '0'}]}"), &problem);
    QVERIFY2(info, qPrintable(problem));
    const OutputSpec& rolling = info->outputs[0];
    QCOMPARE(rolling.display.size(), std::size_t(3));
    // Placeholders from the task's bindings where they are scalar, the rest read off the name.
    const QVariantMap bindings{{"column", "bb_upper_roll_5_mean"}, {"window", 20}, {"functions", QStringList{"std"}}};
    const QVariantMap values = rolling.placeholderValues("bb_upper_roll_5_mean_roll_20_std", bindings);
    QCOMPARE(values, (QVariantMap{{"column", "bb_upper_roll_5_mean"}, {"window", 20}, {"function", "std"}}));
    QCOMPARE(rolling.placeholderValues("close_roll_5_max", {}),
             (QVariantMap{{"column", "close"}, {"window", "5"}, {"function", "max"}}));
    QVERIFY(rolling.placeholderValues("something_else", {}).isEmpty());
    const DisplayHint deviation = rolling.displayFor(values);
    QCOMPARE(deviation.pane, DisplayPane::Own);
    QCOMPARE(deviation.range, (std::optional<std::pair<double, double>>{{0.0, 5.0}}));
    QCOMPARE(deviation.guides, QList<double>{1.0});
    QCOMPARE(deviation.color, QStringLiteral("#00ff00"));
    QCOMPARE(deviation.selected, std::optional<bool>(true));
    const DisplayHint five = rolling.displayFor({{"column", "close"}, {"window", 5}, {"function", "mean"}});
    QCOMPARE(five.group, QStringLiteral("five"));
    QCOMPARE(five.style, DisplayStyle::Histogram);
    QCOMPARE(rolling.displayFor({{"window", 10}, {"function", "mean"}}).pane, DisplayPane::Input);
    QCOMPARE(info->outputs[1].display.front().lower, QStringLiteral("{column}_lower"));
    QCOMPARE(info->outputs[2].display.front().style, DisplayStyle::Markers);
    QVERIFY(info->outputs[3].display.front().signal);
    // No hint: own pane, a line, the plugin kind decides whether it is plotted at first.
    const DisplayHint plain = info->outputs[4].displayFor({});
    QCOMPARE(plain.pane, DisplayPane::Own);
    QCOMPARE(plain.style, DisplayStyle::Line);
    QVERIFY(!plain.signal && !plain.range && plain.guides.isEmpty() && !plain.selected);
  }

  void bundledPluginsCarryDisplayHints() {
    const auto hint = [this](const char* plugin, int output, const QVariantMap& placeholders = {}) {
      return registry_->find(QLatin1String(plugin))->info.outputs.at(std::size_t(output)).displayFor(placeholders);
    };
    QCOMPARE(hint("rsi", 0).range, (std::optional<std::pair<double, double>>{{0.0, 100.0}}));
    QCOMPARE(hint("rsi", 0).guides, (QList<double>{30, 70}));
    for (int k : {0, 1, 2}) QCOMPARE(hint("macd", k).group, QStringLiteral("macd"));
    QCOMPARE(hint("macd", 2).style, DisplayStyle::Histogram);
    QCOMPARE(hint("bollinger", 0).style, DisplayStyle::Band);
    QCOMPARE(hint("bollinger", 0).lower, QStringLiteral("bb_lower"));
    for (int k : {0, 1, 2}) QCOMPARE(hint("bollinger", k).pane, DisplayPane::Price);
    QCOMPARE(hint("bollinger", 3).selected, std::optional<bool>(false));
    QCOMPARE(hint("lag", 0).pane, DisplayPane::Input);
    QCOMPARE(hint("rolling", 0, {{"function", "std"}}).pane, DisplayPane::Own);
    QCOMPARE(hint("rolling", 0, {{"function", "mean"}}).pane, DisplayPane::Input);
    QVERIFY(hint("crossover", 0).signal);
    QCOMPARE(hint("crossover", 0).selected, std::optional<bool>(true));
    QVERIFY(registry_->find("test_display"));  // the purpose-built plugin with hints loads
  }

  void applyToFlag() {
    QString problem;
    auto crossover = PluginInfo::fromJson(json(R"({"id": "c", "kind": "transform", "version": "1",
        "apiVersion": 1, "applyTo": false, "outputs": [{"name": "{first}_x", "lookback": "0"}]})"), &problem);
    QVERIFY2(crossover, qPrintable(problem));
    QVERIFY(!crossover->usesApplyTo);
    auto indicator = PluginInfo::fromJson(json(R"({"id": "i", "kind": "indicator", "version": "1",
        "apiVersion": 1, "outputs": [{"name": "i", "lookback": "0"}]})"), &problem);
    QVERIFY(indicator);
    QVERIFY(!indicator->usesApplyTo);
  }

  void paramCheck_data() {
    QTest::addColumn<QString>("spec");  // one parameter's JSON
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QVariant>("canonical");  // invalid: refused
    QTest::addColumn<QString>("error");
    const char* intSpec = R"({"name": "w", "type": "int", "default": 5, "min": 1, "max": 100})";
    const char* dblSpec = R"({"name": "k", "type": "double", "default": 2.0, "min": 0, "max": 10})";
    const char* listSpec = R"({"name": "p", "type": "int_list", "default": [1], "min": 1, "max": 50})";
    const char* strListSpec = R"({"name": "f", "type": "string_list", "default": ["mean"], "choices": ["mean", "std"]})";
    const char* pairsSpec = R"({"name": "pairs", "type": "pairs", "default": []})";
    const char* choiceSpec = R"({"name": "m", "type": "choice", "default": "a", "choices": ["a", "b"]})";
    const char* boolSpec = R"({"name": "b", "type": "bool", "default": false})";
    QTest::newRow("int") << intSpec << QVariant(7) << QVariant(7) << "";
    QTest::newRow("int from longlong") << intSpec << QVariant(qlonglong(7)) << QVariant(7) << "";
    QTest::newRow("int from whole double") << intSpec << QVariant(7.0) << QVariant(7) << "";
    QTest::newRow("int fraction") << intSpec << QVariant(7.5) << QVariant() << "expected a whole number, got 7.5";
    QTest::newRow("int below") << intSpec << QVariant(0) << QVariant() << "0 is below the minimum 1";
    QTest::newRow("int above") << intSpec << QVariant(101) << QVariant() << "101 is above the maximum 100";
    QTest::newRow("int text") << intSpec << QVariant(QStringLiteral("7")) << QVariant() << "expected a whole number, got '7'";
    QTest::newRow("int bool") << intSpec << QVariant(true) << QVariant() << "expected a whole number";
    QTest::newRow("int null") << intSpec << QVariant() << QVariant() << "got nothing";
    QTest::newRow("double from int") << dblSpec << QVariant(3) << QVariant(3.0) << "";
    QTest::newRow("double inf") << dblSpec << QVariant(qInf()) << QVariant() << "expected a finite number";
    QTest::newRow("double above") << dblSpec << QVariant(10.5) << QVariant() << "10.5 is above the maximum 10";
    QTest::newRow("int_list") << listSpec << QVariant(QVariantList{1, qlonglong(2), 3.0}) << QVariant(QVariantList{1, 2, 3}) << "";
    QTest::newRow("int_list element range") << listSpec << QVariant(QVariantList{1, 51}) << QVariant()
                                            << "element 2: 51 is above the maximum 50";
    QTest::newRow("int_list empty") << listSpec << QVariant(QVariantList{}) << QVariant() << "the list is empty";
    QTest::newRow("int_list duplicate") << listSpec << QVariant(QVariantList{2, 3, 2}) << QVariant() << "2 is listed twice";
    QTest::newRow("int_list scalar") << listSpec << QVariant(2) << QVariant() << "expected a list of whole numbers";
    QTest::newRow("string_list") << strListSpec << QVariant(QStringList{"std", "mean"}) << QVariant(QVariantList{"std", "mean"}) << "";
    QTest::newRow("string_list not a choice") << strListSpec << QVariant(QVariantList{"mean", "max"}) << QVariant()
                                              << "element 2: 'max' is not one of mean|std";
    QTest::newRow("string_list number") << strListSpec << QVariant(QVariantList{1}) << QVariant() << "element 1: expected text";
    QTest::newRow("pairs") << pairsSpec << QVariant(QVariantList{QStringList{"a", "b"}, QVariantList{"c", "d"}})
                           << QVariant(QVariantList{QVariantList{"a", "b"}, QVariantList{"c", "d"}}) << "";
    QTest::newRow("pairs empty") << pairsSpec << QVariant(QVariantList{}) << QVariant(QVariantList{}) << "";
    // A one-element list of lists as QVariantList{QVariant(...)}: clang reads
    // QVariantList{QVariantList{...}} as a copy of the inner list (CWG 2137), GCC as a list holding it.
    QTest::newRow("pairs triple") << pairsSpec << QVariant(QVariantList{QVariant(QVariantList{"a", "b", "c"})}) << QVariant()
                                  << "element 1: expected a pair of column names [a, b], got ['a', 'b', 'c']";
    QTest::newRow("pairs number") << pairsSpec << QVariant(QVariantList{QVariant(QVariantList{"a", 1})}) << QVariant()
                                  << "element 1: expected a pair";
    QTest::newRow("pairs twice") << pairsSpec << QVariant(QVariantList{QVariantList{"a", "b"}, QVariantList{"a", "b"}})
                                 << QVariant() << "[a, b] is listed twice";
    QTest::newRow("choice") << choiceSpec << QVariant(QStringLiteral("b")) << QVariant(QStringLiteral("b")) << "";
    QTest::newRow("choice bad") << choiceSpec << QVariant(QStringLiteral("c")) << QVariant() << "'c' is not one of a|b";
    QTest::newRow("bool") << boolSpec << QVariant(true) << QVariant(true) << "";
    QTest::newRow("bool from int") << boolSpec << QVariant(1) << QVariant() << "expected true or false, got 1";
  }

  void paramCheck() {
    QFETCH(QString, spec);
    QFETCH(QVariant, value);
    QFETCH(QVariant, canonical);
    QFETCH(QString, error);
    const QByteArray doc = R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}], "parameters": [)" + spec.toUtf8() + "]}";
    QString problem;
    const auto info = PluginInfo::fromJson(json(doc.constData()), &problem);
    QVERIFY2(info, qPrintable(problem));
    const ParamSpec& p = info->params.at(0);
    QVariant out;
    const QString e = p.check(value, &out);
    if (error.isEmpty()) {
      QVERIFY2(e.isEmpty(), qPrintable(e));
      QCOMPARE(out.typeId(), canonical.typeId());
      QCOMPARE(out, canonical);
      if (out.typeId() == QMetaType::QVariantList)
        for (qsizetype i = 0; i < out.toList().size(); ++i)
          QCOMPARE(out.toList()[i].typeId(), canonical.toList()[i].typeId());
    } else {
      QVERIFY2(e.contains(error), qPrintable(e));
    }
  }

  void resolveParams() {
    QString problem;
    const auto info = PluginInfo::fromJson(json(R"({"id": "x", "kind": "indicator", "version": "1", "apiVersion": 1,
        "outputs": [{"name": "x", "lookback": "0"}],
        "parameters": [{"name": "w", "type": "int", "default": 5, "min": 1},
                       {"name": "m", "type": "choice", "default": "a", "choices": ["a", "b"]}]})"), &problem);
    QVERIFY(info);
    QStringList errors;
    QCOMPARE(info->resolveParams({{"w", 9}}, &errors), (QVariantMap{{"w", 9}, {"m", "a"}}));
    QVERIFY(errors.isEmpty());
    const QVariantMap partial = info->resolveParams({{"w", 0}, {"q", 1}, {"m", "c"}}, &errors);
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors.join('\n').contains("unknown parameter 'q' for plugin 'x' (parameters: w, m)"));
    QVERIFY(errors.join('\n').contains("x.w: 0 is below the minimum 1"));
    QVERIFY(errors.join('\n').contains("x.m: 'c' is not one of a|b"));
    QVERIFY(partial.isEmpty());
  }

  void params() {
    const Params p(QVariantMap{{"periods", QVariantList{1, 5}},
                               {"functions", QVariantList{"mean", "std"}},
                               {"pairs", QVariantList{QVariantList{"a", "b"}, QStringList{"c", "d"}}}});
    QCOMPARE(p.integers("periods"), (QList<int>{1, 5}));
    QCOMPARE(p.texts("functions"), (QStringList{"mean", "std"}));
    QCOMPARE(p.pairs("pairs"), (QList<QStringList>{{"a", "b"}, {"c", "d"}}));
    QVERIFY(p.integers("missing").isEmpty());
  }

  void lookback_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("expected");  // -999: an error
    QTest::addColumn<QString>("error");
    QTest::newRow("zero") << "0" << 0 << "";
    QTest::newRow("name") << "window" << 14 << "";
    QTest::newRow("minus") << "window - 1" << 13 << "";
    QTest::newRow("no spaces") << "slow+signal-2" << 33 << "";
    QTest::newRow("spaces") << "  slow  +  signal  -  2  " << 33 << "";
    QTest::newRow("max") << "max(window, slow) - 1" << 25 << "";
    QTest::newRow("nested max") << "max(max(1, window), max(signal, 3)) + period" << 17 << "";
    QTest::newRow("parentheses") << "slow - (signal - 1)" << 18 << "";
    QTest::newRow("unary minus") << "-1 + window" << 13 << "";
    QTest::newRow("unknown name") << "windw - 1" << -999 << "unknown name 'windw'";
    QTest::newRow("text binding") << "column" << -999 << "'column' is not a whole number";
    QTest::newRow("trailing") << "window 1" << -999 << "unexpected '1'";
    QTest::newRow("empty") << "" << -999 << "expected a number or a name";
    QTest::newRow("dangling plus") << "window +" << -999 << "expected a number or a name";
    QTest::newRow("max one arg") << "max(window)" << -999 << "max needs two arguments";
    QTest::newRow("max unclosed") << "max(1, 2" << -999 << "missing ')' after max";
    QTest::newRow("unclosed") << "(1 + 2" << -999 << "missing ')'";
  }

  // Read at every start-up before any plugin code runs: a hostile expression must fail with a
  // message, never overflow the stack or an int (issue 20, item 4). A negative value is the
  // checker's to report (check-plugin's lookback check, with the parameters that give it).
  void hostileLookback_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("error");
    QTest::newRow("60,000 parentheses") << QString(60000, u'(') + u'1' + QString(60000, u')') << "longer than 1000";
    QTest::newRow("deep parentheses") << QString(400, u'(') + u'1' + QString(400, u')') << "nested more than 32";
    QTest::newRow("many unary minus") << QString(500, u'-') + u'0' << "nested more than 32";
    QTest::newRow("deep max") << QStringLiteral("max(").repeated(200) + u'1' << "nested more than 32";
    QTest::newRow("int overflow") << "2147483647 + 1" << "out of range";
    QTest::newRow("huge literal") << "99999999999999999999" << "out of range";
    QTest::newRow("underflow") << "-2147483647 - 2" << "out of range";
  }
  void hostileLookback() {
    QFETCH(QString, expression);
    QFETCH(QString, error);
    QString problem;
    const std::optional<int> v = evaluateLookback(expression, {{"window", 14}}, &problem);
    QVERIFY2(!v, "accepted");
    QVERIFY2(problem.contains(error), qPrintable(problem));
    QVERIFY2(problem.size() < 300, qPrintable(problem.left(300)));  // the message stays readable
  }
  void sevenMinusesAreFine() {
    QString problem;
    QCOMPARE(evaluateLookback(QStringLiteral("------0 + window"), {{"window", 14}}, &problem), std::optional<int>(14));
  }

  void lookback() {
    QFETCH(QString, expression);
    QFETCH(int, expected);
    QFETCH(QString, error);
    const QVariantMap values{{"window", 14}, {"slow", 26}, {"signal", 9}, {"period", 3},
                             {"column", QStringLiteral("close")}};
    QString problem;
    const std::optional<int> v = evaluateLookback(expression, values, &problem);
    if (expected == -999) {
      QVERIFY2(!v, "accepted");
      QVERIFY2(problem.contains(error), qPrintable(problem));
      QVERIFY(problem.contains(expression.isEmpty() ? QStringLiteral("lookback ''") : expression));
    } else {
      QVERIFY2(v, qPrintable(problem));
      QCOMPARE(*v, expected);
    }
  }

  // --- Loading real and bad libraries -------------------------------------------------------

  void refused_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QStringList>("reason");  // every fragment must appear
    QTest::newRow("IID version") << libraryFile("api_iid") << "test_api_iid"
                                 << QStringList{"built for interface 'org.strata.FeaturePlugin/999'",
                                                "this Strata provides 'org.strata.FeaturePlugin/1'"};
    QTest::newRow("apiVersion") << libraryFile("api_json") << "test_api_json"
                                << QStringList{"plugin API version 999", "supports version 1"};
    QTest::newRow("duplicate of a real plugin") << libraryFile("dup_rsi") << "rsi"
                                                << QStringList{"duplicate plugin id 'rsi'",
                                                               kRealDir + "/libstrata_rsi.so"};
    QTest::newRow("duplicate test id") << libraryFile("dup_b") << "test_dup"
                                       << QStringList{"duplicate plugin id 'test_dup'", libraryFile("dup_a")};
    QTest::newRow("missing symbol") << libraryFile("missing_symbol") << "test_missing_symbol"
                                    << QStringList{"cannot load", "undefined symbol",
                                                   "strata_test_undefined_function"};
    QTest::newRow("min above max") << libraryFile("meta_minmax") << ""
                                   << QStringList{"invalid metadata", "parameter 'window': min 5 is above max 3"};
    QTest::newRow("unknown param type") << libraryFile("meta_type") << ""
                                        << QStringList{"invalid metadata", "parameter 'alpha': unknown type 'float'"};
    QTest::newRow("bad lookback") << libraryFile("meta_lookback") << ""
                                  << QStringList{"invalid metadata", "unknown name 'windw'"};
    QTest::newRow("bad display hint") << libraryFile("meta_display") << ""
                                      << QStringList{"invalid metadata", "output 'test_meta_display': display:",
                                                     "'lower' names 'test_meta_display_low', which is not an output"};
    QTest::newRow("not a plugin") << libraryFile("not_a_plugin") << "" << QStringList{"not a Qt plugin"};
    QTest::newRow("constructor throws") << libraryFile("throws_in_constructor") << "test_throws_in_constructor"
                                        << QStringList{"its constructor threw", "deliberate failure in the constructor"};
  }

  void refused() {
    QFETCH(QString, file);
    QFETCH(QString, id);
    QFETCH(QStringList, reason);
    QVERIFY2(QFileInfo::exists(kBadDir + '/' + file), qPrintable(file + " was not built"));
    const RefusedPlugin* r = refusal(file);
    QVERIFY2(r, qPrintable(file + " was loaded"));
    QCOMPARE(r->id, id);
    for (const QString& fragment : reason) QVERIFY2(r->reason.contains(fragment), qPrintable(r->reason));
    // Each refused library is refused once, and its id (if any) is not half-registered.
    int count = 0;
    for (const RefusedPlugin& x : registry_->refused()) count += QFileInfo(x.path).fileName() == file;
    QCOMPARE(count, 1);
    if (!id.isEmpty() && id != u"rsi" && id != u"test_dup") QVERIFY(!registry_->find(id));
  }

  void missingSymbolNeedsEagerBinding() {
    // The library really is broken: a plain eager dlopen fails naming the symbol. (With lazy
    // binding it would load and crash at the first call; the registry asks for eager binding.)
    QPluginLoader loader(kBadDir + '/' + libraryFile("missing_symbol"));
    loader.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    QVERIFY(!loader.load());
    QVERIFY2(loader.errorString().contains("strata_test_undefined_function"), qPrintable(loader.errorString()));
  }

  void stillLoaded() {
    // Every real plugin, and the good test plugins, loaded; only the bad ones were refused.
    QDir real(kRealDir);
    const QStringList realLibraries = real.entryList({"libstrata_*.so"}, QDir::Files);
    QVERIFY(!realLibraries.isEmpty());
    int fromReal = 0;
    for (const LoadedPlugin& p : registry_->plugins()) {
      QVERIFY(p.instance);
      if (p.info.id == u"expression") continue;  // built into the engine: no library
      QVERIFY(QFileInfo::exists(p.info.libraryPath));
      fromReal += QFileInfo(p.info.libraryPath).absolutePath() == QFileInfo(kRealDir).absoluteFilePath();
    }
    QCOMPARE(fromReal, realLibraries.size());
    for (const char* id : {"test_good", "test_throws", "test_dup"}) QVERIFY2(registry_->find(id), id);
    QVERIFY(registry_->find("test_dup")->info.libraryPath.endsWith(libraryFile("dup_a")));
    QVERIFY(registry_->find("rsi")->info.libraryPath.startsWith(QFileInfo(kRealDir).absoluteFilePath()));
    QCOMPARE(registry_->refused().size(), std::size_t(11));  // the rows of refused_data
  }

  void missingDirectory() {
    PluginRegistry r;
    QCOMPARE(r.loadDirectory(QStringLiteral("/nonexistent/strata/plugins")), 0);
    QCOMPARE(r.refused().size(), std::size_t(1));
    QVERIFY(r.refused()[0].reason.contains("does not exist"));
  }

  void goodPluginValidatesAndRuns() {
    std::vector<Diagnostic> errors;
    auto config = PipelineConfig::fromYaml(QStringLiteral("indicators:\n  - plugin: rsi\n  - plugin: test_good\n"
                                                          "    params: {window: 0}\n"),
                                           QStringLiteral("g.yaml"), &errors);
    QVERIFY(config);
    errors = config->validate(*registry_);
    QCOMPARE(errors.size(), std::size_t(1));
    QCOMPARE(errors[0].toString(), QStringLiteral("g.yaml:4:22: indicators[1].params.window: 0 is below the minimum 1"));
    config->steps[1].params.clear();
    const auto pipeline = Pipeline::build(*config, *registry_, &errors);
    QVERIFY(pipeline);
    const Bars bars = synthesizeBars({.rows = 100, .seed = 3});
    const FeatureSet fs = pipeline->computeRaw(bars);
    const auto column = fs.columns.indexOf(QStringLiteral("test_good"));
    QVERIFY(column >= 0);
    for (Eigen::Index i = 0; i < bars.size(); ++i) QCOMPARE(fs.matrix(i, column), 2.0 * bars.close[i]);
  }

  void planThatThrowsIsAPipelineError() {
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(
        QStringLiteral("indicators:\n  - plugin: rsi\n  - plugin: test_throws_in_plan\n"), QStringLiteral("t.yaml"), &errors);
    QVERIFY(config);
    const auto pipeline = Pipeline::build(*config, *registry_, &errors);
    QString message;
    try {
      if (pipeline) (void)pipeline->computeRaw(synthesizeBars({.rows = 50, .seed = 1}));
    } catch (const PipelineError& e) {
      message = QString::fromUtf8(e.what());
    }
    for (const Diagnostic& d : errors) message += d.toString();
    QVERIFY2(message.contains("plan threw: deliberate failure in plan"), qPrintable(message));
  }

  void throwingPluginIsAPipelineError() {
    std::vector<Diagnostic> errors;
    const auto config = PipelineConfig::fromYaml(
        QStringLiteral("indicators:\n  - plugin: rsi\n  - plugin: test_throws\n"
                       "transformations:\n  - plugin: lag\n"),
        QStringLiteral("t.yaml"), &errors);
    QVERIFY(config);
    const auto pipeline = Pipeline::build(*config, *registry_, &errors);
    QVERIFY(pipeline);
    const Bars bars = synthesizeBars({.rows = 500, .seed = 1});
    for (int threads : {1, 2}) {
      for (bool normalize : {false, true}) {
        QString message;
        try {
          RunOptions options;
          options.threads = threads;
          if (normalize) (void)pipeline->run(bars, options);
          else (void)pipeline->computeRaw(bars, options);
        } catch (const PipelineCancelled&) {
          QFAIL("reported as cancelled");
        } catch (const PipelineError& e) {
          message = QString::fromUtf8(e.what());
        }
        QVERIFY2(message.contains("step 2"), qPrintable(message));
        QVERIFY2(message.contains("plugin 'test_throws'"), qPrintable(message));
        QVERIFY2(message.contains("deliberate failure in test_throws::compute"), qPrintable(message));
      }
    }
    // The registry and the other plugins are unharmed.
    auto plain = PipelineConfig::fromYaml(QStringLiteral("indicators:\n  - plugin: rsi\n"), {}, &errors);
    QVERIFY(plain);
    const auto ok = Pipeline::build(*plain, *registry_, &errors);
    QVERIFY(ok);
    QCOMPARE(ok->computeRaw(bars).columns.size(), 6);
  }

  void loadingTwiceRefusesDuplicates() {
    // A second registry loads the same directories independently.
    PluginRegistry again;
    QVERIFY(again.loadDirectory(kRealDir) > 0);
    QVERIFY(again.loadDirectory(kRealDir) == 0);  // every id is already there
    for (const RefusedPlugin& r : again.refused()) QVERIFY2(r.reason.contains("duplicate plugin id"), qPrintable(r.reason));
    QCOMPARE(again.refused().size(), again.plugins().size() - 1);  // all but the built-in expression step
  }

  void pointersSurviveLaterLoads() {
    // A pipeline holds the LoadedPlugin* it resolved; loading more plugins must not move it.
    PluginRegistry registry;
    QVERIFY(registry.loadFile(QDir(kRealDir).filePath(QStringLiteral("libstrata_rsi.so"))));
    const LoadedPlugin* rsi = registry.find(QStringLiteral("rsi"));
    QVERIFY(rsi);
    QVERIFY(registry.loadDirectory(kRealDir) > 3);
    registry.loadDirectory(QStringLiteral(STRATA_BAD_PLUGIN_DIR));
    QCOMPARE(registry.find(QStringLiteral("rsi")), rsi);
    QCOMPARE(rsi->info.id, QStringLiteral("rsi"));
    QVERIFY(rsi->instance);
  }
};

QTEST_GUILESS_MAIN(TestPluginLoader)
#include "test_plugin_loader.moc"
