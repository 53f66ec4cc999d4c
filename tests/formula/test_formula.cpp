// The expression step through the real registry and plugins: values of every construct on a
// hand-checked series, the warm-up each formula declares, the messages of bad formulas (what,
// and where: the caret's span), and the plugin contract (declared lookback = leading NaN rows,
// truncation invariance, non-finite and short inputs) run on formulas as on any plugin.
#include "strata/formula.h"
#include "strata/plugin_check.h"
#include "strata/plugin_registry.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace strata;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using Series = std::vector<double>;

const PluginRegistry& registry() {
  static PluginRegistry r;
  static const bool loaded = [] {
    r.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    return true;
  }();
  (void)loaded;
  return r;
}

const LoadedPlugin& expression() {
  const LoadedPlugin* p = registry().find(QStringLiteral("expression"));
  Q_ASSERT(p);
  return *p;
}

Params formulaParams(const QString& formula) {
  return Params({{QStringLiteral("name"), QStringLiteral("f")}, {QStringLiteral("formula"), formula}});
}

// The columns the formulas read: x, y and close (= x).
const Series kX = {1, 2, 4, 3, 5, 8};
const Series kY = {2, 2, 3, 5, 4, 4};

struct Outcome {
  Series values;
  int lookback = -1;
  QString error;
};

Outcome run(const QString& formula) {
  const QStringList sources = {QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("close")};
  Outcome outcome;
  const std::vector<Task> tasks = expression().instance->plan(formulaParams(formula), sources, &outcome.error);
  if (!outcome.error.isEmpty() || tasks.size() != 1) return outcome;
  const Task& task = tasks[0];
  outcome.lookback = task.bindings.value(QStringLiteral("lookback")).toInt();
  std::vector<ConstColumn> in;
  for (const QString& name : task.inputs) in.emplace_back(name == u"y" ? kY : kX);
  outcome.values.assign(kX.size(), -12345.0);
  const std::vector<Column> out = {Column(outcome.values)};
  expression().instance->compute(formulaParams(formula), task, in, out);
  return outcome;
}

bool same(const Series& a, const Series& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) != std::isnan(b[i])) return false;
    if (!std::isnan(a[i]) && std::abs(a[i] - b[i]) > 1e-12 * std::max(1.0, std::abs(b[i]))) return false;
  }
  return true;
}

QString show(const Series& s) {
  QStringList parts;
  for (double v : s) parts << QString::number(v, 'g', 10);
  return parts.join(QStringLiteral(", "));
}

}  // namespace

Q_DECLARE_METATYPE(Series)

class FormulaTest : public QObject {
  Q_OBJECT

 private slots:
  void values_data() {
    QTest::addColumn<QString>("formula");
    QTest::addColumn<Series>("expected");
    QTest::addColumn<int>("lookback");
    const double r2 = std::sqrt(2.0);
    QTest::newRow("arithmetic") << "x + y * 2" << Series{5, 6, 10, 13, 13, 16} << 0;
    QTest::newRow("power binds tighter than minus") << "-x^2" << Series{-1, -4, -16, -9, -25, -64} << 0;
    QTest::newRow("negative exponent") << "2^-1 + x" << Series{1.5, 2.5, 4.5, 3.5, 5.5, 8.5} << 0;
    QTest::newRow("division by zero is inf") << "x / (y - 2)" << Series{HUGE_VAL, HUGE_VAL, 4, 1, 2.5, 4} << 0;
    QTest::newRow("lag") << "lag(x, 2)" << Series{kNaN, kNaN, 1, 2, 4, 3} << 2;
    QTest::newRow("lag 0 is the column") << "lag(x, 0)" << kX << 0;
    QTest::newRow("diff, n = 1 by default") << "diff(x)" << Series{kNaN, 1, 2, -1, 2, 3} << 1;
    QTest::newRow("where") << "where(x > y, x, y)" << Series{2, 2, 4, 5, 5, 8} << 0;
    QTest::newRow("and, not") << "(x > 2) and not (y > 4)" << Series{0, 0, 1, 0, 1, 1} << 0;
    QTest::newRow("or, comparisons") << "x == 1 or y >= 5" << Series{1, 0, 0, 1, 0, 0} << 0;
    QTest::newRow("cross_above") << "cross_above(x, y)" << Series{kNaN, 0, 1, 0, 1, 0} << 1;
    QTest::newRow("cross_below") << "cross_below(x, y)" << Series{kNaN, 0, 0, 1, 0, 0} << 1;
    QTest::newRow("rolling_mean") << "rolling_mean(x, 3)" << Series{kNaN, kNaN, 7.0 / 3, 3, 4, 16.0 / 3} << 2;
    QTest::newRow("rolling_sum") << "rolling_sum(y, 2)" << Series{kNaN, 4, 5, 8, 9, 8} << 1;
    QTest::newRow("rolling_std, sample") << "rolling_std(x, 2)" << Series{kNaN, r2 / 2, r2, r2 / 2, r2, 3 * r2 / 2} << 1;
    QTest::newRow("rolling_min, rolling_max") << "rolling_max(x, 2) - rolling_min(y, 2)" << Series{kNaN, 0, 2, 1, 1, 4} << 1;
    QTest::newRow("max of three") << "max(x, y, 3)" << Series{3, 3, 4, 5, 5, 8} << 0;
    QTest::newRow("min of two") << "min(x, y)" << Series{1, 2, 3, 3, 4, 4} << 0;
    QTest::newRow("clip") << "clip(x, 2, 4)" << Series{2, 2, 4, 3, 4, 4} << 0;
    QTest::newRow("abs, sign") << "abs(x - y) + sign(x - y)" << Series{0, 0, 2, 1, 2, 5} << 0;
    QTest::newRow("log, exp, sqrt") << "exp(log(x)) + sqrt(y * y)" << Series{3, 4, 7, 8, 9, 12} << 0;
    QTest::newRow("constant") << "1 + 2" << Series{3, 3, 3, 3, 3, 3} << 0;
    QTest::newRow("warm-ups add through nesting") << "rolling_mean(lag(x, 2), 3)" << Series{kNaN, kNaN, kNaN, kNaN, 7.0 / 3, 3} << 4;
    QTest::newRow("warm-up of the longest branch") << "lag(x, 1) + rolling_mean(x, 3)" << Series{kNaN, kNaN, 2 + 7.0 / 3, 4 + 3, 3 + 4, 5 + 16.0 / 3} << 2;
    QTest::newRow("a plugin's kernel: sma") << "sma(x, 3)" << Series{kNaN, kNaN, 7.0 / 3, 3, 4, 16.0 / 3} << 2;
    QTest::newRow("a plugin on an expression") << "sma(x - y, 2)" << Series{kNaN, -0.5, 0.5, -0.5, -0.5, 2.5} << 1;
    QTest::newRow("shared subexpression") << "sma(x, 3) * 2 - sma(x, 3)" << Series{kNaN, kNaN, 7.0 / 3, 3, 4, 16.0 / 3} << 2;
    QTest::newRow("a plugin's named output") << "bollinger.bb_middle(x, 3)" << Series{kNaN, kNaN, 7.0 / 3, 3, 4, 16.0 / 3} << 2;
  }
  void values() {
    QFETCH(QString, formula);
    QFETCH(Series, expected);
    QFETCH(int, lookback);
    const Outcome outcome = run(formula);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QVERIFY2(same(outcome.values, expected), qPrintable(QStringLiteral("got %1, expected %2").arg(show(outcome.values), show(expected))));
    QCOMPARE(outcome.lookback, lookback);
  }

  void errors_data() {
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("begin");
    QTest::newRow("negative lag") << "lag(close, -1)" << "shifts forward only: a negative n would read future rows" << 11;
    QTest::newRow("negative diff") << "diff(x, -3)" << "diff shifts forward only" << 8;
    QTest::newRow("unknown column") << "clsoe + 1" << "unknown column 'clsoe' (did you mean 'close'?)" << 0;
    QTest::newRow("unknown function") << "x + rsii(close, 14)" << "unknown function 'rsii' (did you mean 'rsi'?)" << 4;
    QTest::newRow("ends early") << "close +" << "the formula ends where a value is expected" << 7;
    QTest::newRow("not closed") << "(close + 1" << "'(' not closed" << 0;
    QTest::newRow("chained comparison") << "x < y < 3" << "comparisons do not chain" << 6;
    QTest::newRow("single =") << "x = 1" << "'=' is not a comparison: write '=='" << 2;
    QTest::newRow("number where a condition belongs") << "where(close, 1, 0)" << "argument 1 of where needs a condition" << 6;
    QTest::newRow("condition where a number belongs") << "(x > 1) + 1" << "'+' needs a number, not a condition" << 1;
    QTest::newRow("arity") << "lag(x, 1, 2)" << "lag takes 1 or 2 arguments, not 3: lag(x, n = 1), n >= 0" << 0;
    QTest::newRow("period not a literal") << "rolling_mean(x, y)" << "rolling_mean: n must be a whole number from 1" << 16;
    QTest::newRow("fractional period") << "lag(x, 1.5)" << "lag: n must be a whole number from 0" << 7;
    QTest::newRow("plugin parameter below its minimum") << "rsi(close, 0)" << "rsi.window: 0 is below the minimum 1" << 0;
    QTest::newRow("plugin choice") << "rsi(close, 14, \"median\")" << "rsi.smoothing" << 0;
    QTest::newRow("plugin parameter not a literal") << "rsi(close, y)" << "rsi's parameter window is written as a number" << 11;
    QTest::newRow("too many plugin arguments") << "sma(close, 3, 4)" << "sma takes its input then up to 1 parameter" << 0;
    QTest::newRow("unknown output") << "bollinger.bb_top(x)" << "bollinger has no output 'bb_top'" << 0;
    QTest::newRow("bad number") << "1.2.3 + x" << "'1.2.3' is not a number" << 0;
    QTest::newRow("bad character") << "x $ 2" << "unexpected character '$'" << 2;
    QTest::newRow("empty") << "" << "the formula is empty" << 0;
    QTest::newRow("text out of place") << "x + \"a\"" << "text is only a plugin's choice parameter" << 4;
    QTest::newRow("trailing tokens") << "x y" << "unexpected 'y' after a complete expression" << 2;
    QTest::newRow("nested too deeply") << QString(100, u'(') + u'x' + QString(100, u')') << "nested too deeply" << -1;
  }
  void errors() {
    QFETCH(QString, formula);
    QFETCH(QString, message);
    QFETCH(int, begin);
    const Outcome outcome = run(formula);
    QVERIFY2(outcome.error.contains(message), qPrintable(outcome.error));
    // The excerpt's caret line: the caret under the offending token.
    const QStringList lines = outcome.error.split(u'\n');
    QCOMPARE(lines.size(), 3);
    if (begin >= 0) QCOMPARE(lines[2].indexOf(u'^') - 2, begin);  // -1: a long formula's excerpt is shifted
  }

  void checkFormulaWithoutColumns() {
    FormulaError error;
    QVERIFY2(checkFormula(QStringLiteral("(close - sma(close, 20)) / stddev(close, 20)"), &registry(), &error),
             qPrintable(error.message));
    QVERIFY(!checkFormula(QStringLiteral("lag(close, -2)"), &registry(), &error));
    QCOMPARE(error.begin, 11);
    QVERIFY(formulaFunctionNames(&registry()).contains(QStringLiteral("rsi")));
    QVERIFY(formulaFunctionNames(&registry()).contains(QStringLiteral("bollinger.bb_upper")));
  }

  // The contract every plugin passes, on formulas: the default formula swapped for each.
  void contract_data() {
    QTest::addColumn<QString>("formula");
    for (const char* f : {"(close - sma(close, 20)) / stddev(close, 20)", "rsi(close, 14)", "lag(close, 3) / close - 1",
                          "cross_above(ema(close, 5), sma(close, 20))", "rolling_max(high, 10) - rolling_min(low, 10)",
                          "where(volume > rolling_mean(volume, 20), 1, 0)", "diff(log(close), 5)",
                          "rolling_std(diff(close), 10) * sqrt(252)", "(high - low) / close", "atr(high, low, close, 14) / close"})
      QTest::newRow(f) << QString::fromLatin1(f);
  }
  void contract() {
    QFETCH(QString, formula);
    LoadedPlugin copy = expression();
    for (ParamSpec& p : copy.info.params)
      if (p.name == u"formula") p.defaultValue = formula;
    PluginCheckOptions options;
    options.only = {QStringLiteral("plan"), QStringLiteral("lookback"), QStringLiteral("truncation"),
                    QStringLiteral("non-finite"), QStringLiteral("short-inputs")};
    const PluginCheckReport report = checkPlugin(copy, options);
    QVERIFY2(report.passed(), qPrintable(report.toText()));
  }
};

QTEST_GUILESS_MAIN(FormulaTest)
#include "test_formula.moc"
