// The checker's inputs: seeded bars, the frames handed to a plugin, the parameter sets and the
// bad values derived from its schema.
#include "check_support.h"
#include "strata/pipeline.h"

#include <cmath>
#include <limits>
#include <random>

namespace strata {

Bars pluginCheckBars(std::uint64_t seed, bool nonFinite, Eigen::Index rows) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.01);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Bars b;
  b.resize(rows);
  double close = 100.0;
  for (Eigen::Index i = 0; i < rows; ++i) {
    b.timestamps[static_cast<std::size_t>(i)] = 1'600'000'000'000'000 + i * 60'000'000;
    const double open = close * (1.0 + 0.002 * (unit(rng) - 0.5));
    close = open * std::exp(step(rng));
    b.open[i] = open;
    b.close[i] = close;
    b.high[i] = std::max(open, close) * (1.0 + 0.005 * unit(rng));
    b.low[i] = std::min(open, close) * (1.0 - 0.005 * unit(rng));
    b.volume[i] = 1000.0 + 5000.0 * unit(rng);
  }
  if (!nonFinite) return b;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  // Positions scale with the length, so short and long bars both get every kind of value.
  const auto at = [rows](double fraction) {
    return static_cast<Eigen::Index>(fraction * static_cast<double>(rows));
  };
  const auto fill = [](Eigen::VectorXd& column, Eigen::Index from, Eigen::Index to, double value) {
    for (Eigen::Index i = std::max<Eigen::Index>(from, 0); i < std::min(to, column.size()); ++i)
      column[i] = value;
  };
  fill(b.close, at(0.13), at(0.15), nan);
  fill(b.close, at(0.40), at(0.40) + 1, nan);
  for (Eigen::VectorXd* column : {&b.open, &b.high, &b.low}) fill(*column, at(0.20), at(0.21), nan);
  fill(b.volume, at(0.10), at(0.12), 0.0);
  fill(b.volume, at(0.67), at(0.67) + 1, 0.0);
  fill(b.volume, at(0.50), at(0.50) + 1, inf);
  fill(b.close, at(0.60), at(0.60) + 1, -inf);
  fill(b.high, at(0.63), at(0.63) + 1, inf);
  for (Eigen::VectorXd* column : {&b.open, &b.high, &b.low, &b.close})
    fill(*column, at(0.73), at(0.80), 50.0);
  fill(b.close, rows - 1, rows, nan);
  return b;
}

namespace plugin_check {
namespace {

const QStringList kTransformColumns = {QStringLiteral("close"), QStringLiteral("open"),
                                       QStringLiteral("volume")};

const Eigen::VectorXd& barColumn(const Bars& bars, const QString& name) {
  if (name == u"open") return bars.open;
  if (name == u"high") return bars.high;
  if (name == u"low") return bars.low;
  if (name == u"close") return bars.close;
  return bars.volume;
}

QString frameLabel(FrameKind kind) {
  switch (kind) {
    case FrameKind::Clean:
      return QStringLiteral("clean bars");
    case FrameKind::NonFinite:
      return QStringLiteral("non-finite bars");
    case FrameKind::AllNaN:
      return QStringLiteral("all-NaN bars");
  }
  return {};
}

}  // namespace

Frame makeFrame(const PluginInfo& info, FrameKind kind, std::uint64_t seed, std::size_t rows) {
  const Bars bars =
      pluginCheckBars(seed, kind == FrameKind::NonFinite, static_cast<Eigen::Index>(rows));
  Frame frame;
  frame.label = frameLabel(kind);
  frame.names = info.kind == u"transform" ? kTransformColumns : kBarColumns;
  frame.rows = rows;
  for (const QString& name : frame.names) {
    const Eigen::VectorXd& column = barColumn(bars, name);
    frame.columns.emplace_back(column.data(), column.data() + column.size());
    if (kind == FrameKind::AllNaN)
      std::fill(frame.columns.back().begin(), frame.columns.back().end(),
                std::numeric_limits<double>::quiet_NaN());
  }
  return frame;
}

namespace {

// "window=3, periods=[1, 2]": the values the checker chose, for a label.
QString describe(const QVariantMap& values) {
  QStringList parts;
  for (auto it = values.cbegin(); it != values.cend(); ++it)
    parts << it.key() + QLatin1Char('=') + paramValueText(it.value());
  return parts.join(QStringLiteral(", "));
}

QVariantList pairList(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  QVariantList list;
  for (const auto& [a, b] : pairs)
    list << QVariant(QVariantList{QLatin1String(a), QLatin1String(b)});
  return list;
}

int clampToSpec(const ParamSpec& p, double v) {
  if (p.min) v = std::max(v, std::ceil(*p.min));
  if (p.max) v = std::min(v, std::floor(*p.max));
  return static_cast<int>(v);
}

// Each value of one parameter worth running besides its default: its bounds, the other choices,
// the other flag, single-element lists at the bounds and each single choice.
QList<QPair<QString, QVariant>> corners(const ParamSpec& p) {
  QList<QPair<QString, QVariant>> found;
  const auto add = [&](const QString& what, const QVariant& value) {
    if (value != p.defaultValue) found.append({what, value});
  };
  switch (p.type) {
    case ParamType::Int:
      if (p.min) add(QStringLiteral("min"), static_cast<int>(std::ceil(*p.min)));
      if (p.max) add(QStringLiteral("max"), static_cast<int>(std::floor(*p.max)));
      break;
    case ParamType::Double:
      if (p.min) add(QStringLiteral("min"), *p.min);
      if (p.max) add(QStringLiteral("max"), *p.max);
      break;
    case ParamType::Bool:
      add({}, !p.defaultValue.toBool());
      break;
    case ParamType::Choice:
      for (const QString& choice : p.choices) add({}, choice);
      break;
    case ParamType::IntList:
      if (p.min) add(QStringLiteral("min"), QVariantList{static_cast<int>(std::ceil(*p.min))});
      if (p.max) add(QStringLiteral("max"), QVariantList{static_cast<int>(std::floor(*p.max))});
      break;
    case ParamType::StringList:
      for (const QString& choice : p.choices) add({}, QVariantList{choice});
      break;
    case ParamType::String:
    case ParamType::Formula:
    case ParamType::Pairs:
      break;
  }
  return found;
}

// Every parameter changed at once: larger (2 * default + 1, longer lists) and small (3, 5, 7, ...
// in declaration order, distinct so that macd's fast < slow holds).
std::pair<QVariantMap, QVariantMap> combinations(const PluginInfo& info, const QVariantMap& base) {
  QVariantMap larger = base, small = base;
  int smallIndex = 0;
  for (const ParamSpec& p : info.params) {
    const bool flagLike = p.min && p.max && *p.max - *p.min <= 1;
    if (p.type == ParamType::Int && !flagLike) {
      larger.insert(p.name, clampToSpec(p, 2 * p.defaultValue.toInt() + 1));
      small.insert(p.name, clampToSpec(p, 3 + 2 * smallIndex++));
    } else if (p.type == ParamType::IntList) {
      QVariantList values;
      for (int v : {2, 7, 3}) values << clampToSpec(p, v);
      larger.insert(p.name, values);
    } else if (p.type == ParamType::StringList && !p.choices.isEmpty()) {
      QVariantList reversed;
      for (auto it = p.choices.crbegin(); it != p.choices.crend(); ++it) reversed << *it;
      larger.insert(p.name, reversed);
    } else if (p.type == ParamType::Pairs) {
      larger.insert(p.name, pairList({{"open", "close"}, {"close", "volume"}}));
    }
  }
  return {larger, small};
}

}  // namespace

std::vector<ParameterSet> parameterSets(const PluginInfo& info) {
  // A pairs parameter defaults to no pairs (nothing to compute): name two columns every frame has.
  QVariantMap base;
  for (const ParamSpec& p : info.params)
    if (p.type == ParamType::Pairs) base.insert(p.name, pairList({{"close", "open"}}));
  std::vector<ParameterSet> sets;
  const auto add = [&](const QString& label, const QVariantMap& given) {
    for (const ParameterSet& s : sets)
      if (s.given == given) return;
    ParameterSet set{label, given, {}, {}, {}, {}, false};
    QStringList errors;
    set.params = Params(info.resolveParams(given, &errors));
    if (!errors.isEmpty())
      set.refused = QStringLiteral("the schema refuses it: ") + errors.join(QStringLiteral("; "));
    sets.push_back(std::move(set));
  };
  add(base.isEmpty() ? QStringLiteral("defaults") : QStringLiteral("defaults, ") + describe(base),
      base);
  for (const ParamSpec& p : info.params)
    for (const auto& [what, value] : corners(p)) {
      QVariantMap given = base;
      given.insert(p.name, value);
      const QString label = p.name + QLatin1Char('=') + paramValueText(value);
      add(what.isEmpty() ? label : QStringLiteral("%1 (%2)").arg(label, what), given);
    }
  const auto [larger, small] = combinations(info, base);
  add(QStringLiteral("larger: ") + describe(larger), larger);
  add(QStringLiteral("small: ") + describe(small), small);
  return sets;
}

QList<QPair<QString, QVariant>> badValues(const ParamSpec& p) {
  QList<QPair<QString, QVariant>> bad;
  const auto add = [&](const QString& what, const QVariant& value) { bad.append({what, value}); };
  const QVariant text = QStringLiteral("seven"), nothing;
  switch (p.type) {
    case ParamType::Int:
      if (p.min) add(QStringLiteral("below the minimum"), std::ceil(*p.min) - 1);
      if (p.max) add(QStringLiteral("above the maximum"), std::floor(*p.max) + 1);
      add(QStringLiteral("a fraction"), p.defaultValue.toDouble() + 0.5);
      add(QStringLiteral("text"), text);
      add(QStringLiteral("a flag"), true);
      add(QStringLiteral("null"), nothing);
      break;
    case ParamType::Double:
      if (p.min) add(QStringLiteral("below the minimum"), *p.min - std::max(1.0, std::abs(*p.min)));
      if (p.max) add(QStringLiteral("above the maximum"), *p.max + std::max(1.0, std::abs(*p.max)));
      add(QStringLiteral("infinite"), std::numeric_limits<double>::infinity());
      add(QStringLiteral("NaN"), std::numeric_limits<double>::quiet_NaN());
      add(QStringLiteral("text"), text);
      add(QStringLiteral("null"), nothing);
      break;
    case ParamType::Bool:
      add(QStringLiteral("a number"), 1);
      add(QStringLiteral("text"), QStringLiteral("true"));
      break;
    case ParamType::String:
    case ParamType::Formula:
      add(QStringLiteral("a number"), 7);
      add(QStringLiteral("null"), nothing);
      break;
    case ParamType::Choice:
      add(QStringLiteral("not a choice"), QStringLiteral("no_such_choice"));
      add(QStringLiteral("a number"), 1);
      break;
    case ParamType::IntList:
      add(QStringLiteral("a scalar"), 1);
      add(QStringLiteral("an empty list"), QVariantList{});
      if (p.min)
        add(QStringLiteral("an element below the minimum"), QVariantList{std::ceil(*p.min) - 1});
      if (p.max)
        add(QStringLiteral("an element above the maximum"), QVariantList{std::floor(*p.max) + 1});
      add(QStringLiteral("a text element"), QVariantList{text});
      add(QStringLiteral("a duplicate"), QVariantList{clampToSpec(p, 2), clampToSpec(p, 2)});
      break;
    case ParamType::StringList: {
      add(QStringLiteral("a scalar"), text);
      add(QStringLiteral("an empty list"), QVariantList{});
      add(QStringLiteral("a number element"), QVariantList{1});
      if (!p.choices.isEmpty())
        add(QStringLiteral("not a choice"), QVariantList{QStringLiteral("no_such_choice")});
      const QVariant element = p.choices.isEmpty() ? text : QVariant(p.choices.first());
      add(QStringLiteral("a duplicate"), QVariantList{element, element});
      break;
    }
    case ParamType::Pairs:
      add(QStringLiteral("a scalar"), text);
      // QVariant(...) spelled out: clang reads QVariantList{QVariantList{...}} as a copy of the
      // inner list (CWG 2137), GCC as a list holding it.
      add(QStringLiteral("a single name"), QVariantList{QVariant(QVariantList{QStringLiteral("close")})});
      add(QStringLiteral("a number in a pair"),
          QVariantList{QVariant(QVariantList{QStringLiteral("close"), 1})});
      add(QStringLiteral("a duplicate pair"), pairList({{"close", "open"}, {"close", "open"}}));
      break;
  }
  return bad;
}

}  // namespace plugin_check
}  // namespace strata
