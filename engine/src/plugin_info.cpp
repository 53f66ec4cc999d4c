#include "strata/plugin_info.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata {
namespace {

// A list parameter multiplies a step's columns (and its checks cost per element): longer than
// any real pipeline's, short enough that a hostile file cannot make planning the bottleneck.
constexpr qsizetype kMaxListElements = 10'000;

QString tooLong(qsizetype elements) {
  return QStringLiteral("the list has %1 elements, more than the limit of %2").arg(elements).arg(kMaxListElements);
}

const QList<QPair<ParamType, QString>> kTypeNames = {
    {ParamType::Int, QStringLiteral("int")},
    {ParamType::Double, QStringLiteral("double")},
    {ParamType::Bool, QStringLiteral("bool")},
    {ParamType::String, QStringLiteral("string")},
    {ParamType::Formula, QStringLiteral("formula")},
    {ParamType::Choice, QStringLiteral("choice")},
    {ParamType::IntList, QStringLiteral("int_list")},
    {ParamType::StringList, QStringLiteral("string_list")},
    {ParamType::Pairs, QStringLiteral("pairs")},
};

bool isNumber(const QVariant& v) {
  switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
      return true;
    default:
      return false;
  }
}

bool isList(const QVariant& v) {
  return v.typeId() == QMetaType::QVariantList || v.typeId() == QMetaType::QStringList;
}

QString show(const QVariant& v) {
  if (!v.isValid() || v.isNull()) return QStringLiteral("nothing (null)");
  if (isList(v)) {
    QStringList parts;
    for (const QVariant& e : v.toList()) parts << show(e);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
  }
  if (v.typeId() == QMetaType::QString) return QLatin1Char('\'') + v.toString() + QLatin1Char('\'');
  return v.toString();
}

QString checkRange(double x, const ParamSpec& spec) {
  if (spec.min && x < *spec.min)
    return QStringLiteral("%1 is below the minimum %2").arg(x).arg(*spec.min);
  if (spec.max && x > *spec.max)
    return QStringLiteral("%1 is above the maximum %2").arg(x).arg(*spec.max);
  return {};
}

QString checkInteger(const QVariant& v, const ParamSpec& spec, int* out) {
  if (!isNumber(v)) return QStringLiteral("expected a whole number, got %1").arg(show(v));
  const double x = v.toDouble();
  if (!std::isfinite(x) || x != std::floor(x))
    return QStringLiteral("expected a whole number, got %1").arg(show(v));
  if (QString e = checkRange(x, spec); !e.isEmpty()) return e;
  if (std::abs(x) > 2147483647.0) return QStringLiteral("%1 is too large").arg(x);
  *out = static_cast<int>(x);
  return {};
}

bool isIdentifierStart(QChar c) { return c == u'_' || (c.isLetter() && c.unicode() < 128); }
bool isIdentifierChar(QChar c) { return isIdentifierStart(c) || (c.isDigit() && c.unicode() < 128); }

// Calls visit(key, start, end) for each {key} placeholder of an output's name, e.g.
// "{column}_lag_{period}", key an identifier and [start, end) the braces' span. A hand scan, not
// a regular expression: it runs once a planned column, up to a quarter of a million times.
template <typename Visit>
void forEachPlaceholder(QStringView name, Visit&& visit) {
  for (qsizetype open = name.indexOf(u'{'); open >= 0; open = name.indexOf(u'{', open + 1)) {
    qsizetype end = open + 1;
    if (end >= name.size() || !isIdentifierStart(name[end])) continue;
    while (end < name.size() && isIdentifierChar(name[end])) ++end;
    if (end < name.size() && name[end] == u'}') visit(name.sliced(open + 1, end - open - 1), open, end + 1);
  }
}

QStringList placeholdersOf(const QString& name) {
  QStringList names;
  forEachPlaceholder(name, [&](QStringView key, qsizetype, qsizetype) { names << key.toString(); });
  return names;
}

bool isScalar(const QVariant& v) { return v.isValid() && !isList(v); }

const QList<QPair<DisplayPane, QString>> kPaneNames = {
    {DisplayPane::Own, QStringLiteral("own")},
    {DisplayPane::Price, QStringLiteral("price")},
    {DisplayPane::Input, QStringLiteral("input")},
};
const QList<QPair<DisplayStyle, QString>> kStyleNames = {
    {DisplayStyle::Line, QStringLiteral("line")},
    {DisplayStyle::Histogram, QStringLiteral("histogram")},
    {DisplayStyle::Band, QStringLiteral("band")},
    {DisplayStyle::Markers, QStringLiteral("markers")},
};
const QStringList kDisplayKeys = {
    QStringLiteral("when"),  QStringLiteral("pane"),   QStringLiteral("group"),
    QStringLiteral("style"), QStringLiteral("lower"),  QStringLiteral("range"),
    QStringLiteral("guides"), QStringLiteral("signal"), QStringLiteral("selected"),
    QStringLiteral("color")};

template <typename Enum>
std::optional<Enum> named(const QList<QPair<Enum, QString>>& names, const QJsonValue& value) {
  for (const auto& [e, name] : names)
    if (value.isString() && value.toString() == name) return e;
  return std::nullopt;
}

template <typename Enum>
QString nameList(const QList<QPair<Enum, QString>>& names) {
  QStringList out;
  for (const auto& [e, name] : names) out << name;
  return out.join(QLatin1Char('|'));
}

// The values of one "when" placeholder: a name or a number, or a non-empty list of them.
std::optional<QStringList> whenValues(const QJsonValue& value) {
  const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray{value};
  QStringList out;
  for (const QJsonValue& v : list) {
    if (v.isString() && !v.toString().isEmpty()) out << v.toString();
    else if (v.isDouble()) out << QString::number(v.toDouble());
    else return std::nullopt;
  }
  if (out.isEmpty()) return std::nullopt;
  return out;
}

// One display object of output `out` of `info`; an error text naming the key at fault, or empty.
QString parseDisplayHint(const QJsonObject& o, const OutputSpec& out, const PluginInfo& info,
                         DisplayHint* hint) {
  for (auto it = o.begin(); it != o.end(); ++it)
    if (!kDisplayKeys.contains(it.key()))
      return QStringLiteral("unknown key '%1' (keys: %2)").arg(it.key(), kDisplayKeys.join(QStringLiteral(", ")));
  const QJsonValue when = o.value(QStringLiteral("when"));
  if (!when.isUndefined() && !when.isObject())
    return QStringLiteral("'when' must be an object {placeholder: value or [values]}");
  const QStringList placeholders = placeholdersOf(out.name);
  const QJsonObject conditions = when.toObject();
  for (auto it = conditions.begin(); it != conditions.end(); ++it) {
    if (!placeholders.contains(it.key()))
      return QStringLiteral("'when' names '%1', which is not a placeholder of '%2'").arg(it.key(), out.name);
    const std::optional<QStringList> values = whenValues(it.value());
    if (!values) return QStringLiteral("'when': '%1' must be a name, a number or a list of them").arg(it.key());
    hint->when.insert(it.key(), *values);
  }
  const auto has = [&o](const char* key) { return o.contains(QLatin1String(key)); };
  if (has("pane")) {
    const auto pane = named(kPaneNames, o.value(QStringLiteral("pane")));
    if (!pane) return QStringLiteral("'pane' must be one of %1").arg(nameList(kPaneNames));
    if (*pane == DisplayPane::Input && info.kind != u"transform")
      return QStringLiteral("'pane: input' is for transforms (an %1's output says price or own)").arg(info.kind);
    hint->pane = *pane;
  }
  if (has("style")) {
    const auto style = named(kStyleNames, o.value(QStringLiteral("style")));
    if (!style) return QStringLiteral("'style' must be one of %1").arg(nameList(kStyleNames));
    hint->style = *style;
  }
  if (has("group")) {
    hint->group = o.value(QStringLiteral("group")).toString();
    if (hint->group.isEmpty()) return QStringLiteral("'group' must be a name");
    if (hint->pane != DisplayPane::Own) return QStringLiteral("'group' is for outputs in their own pane");
  }
  if (has("lower")) {
    hint->lower = o.value(QStringLiteral("lower")).toString();
    if (hint->style != DisplayStyle::Band) return QStringLiteral("'lower' is for 'style: band'");
    if (hint->lower == out.name) return QStringLiteral("'lower' names the output itself");
    QStringList names;
    for (const OutputSpec& other : info.outputs) names << other.name;
    if (!names.contains(hint->lower))
      return QStringLiteral("'lower' names '%1', which is not an output of this plugin (outputs: %2)")
          .arg(hint->lower, names.join(QStringLiteral(", ")));
  } else if (hint->style == DisplayStyle::Band) {
    return QStringLiteral("'style: band' needs 'lower', the output that is the band's lower edge");
  }
  const bool ownPane = hint->pane == DisplayPane::Own;
  if (has("range")) {
    const QJsonArray range = o.value(QStringLiteral("range")).toArray();
    if (range.size() != 2 || !range[0].isDouble() || !range[1].isDouble() ||
        !(range[0].toDouble() < range[1].toDouble()))
      return QStringLiteral("'range' must be [low, high], two numbers with low below high");
    if (!ownPane) return QStringLiteral("'range' is for outputs in their own pane");
    hint->range = std::pair(range[0].toDouble(), range[1].toDouble());
  }
  if (has("guides")) {
    const QJsonValue guides = o.value(QStringLiteral("guides"));
    if (!guides.isArray()) return QStringLiteral("'guides' must be a list of numbers");
    if (!ownPane) return QStringLiteral("'guides' is for outputs in their own pane");
    for (const QJsonValue& g : guides.toArray()) {
      if (!g.isDouble()) return QStringLiteral("'guides' must be a list of numbers");
      const double at = g.toDouble();
      if (hint->range && (at < hint->range->first || at > hint->range->second))
        return QStringLiteral("guide %1 lies outside the range [%2, %3]")
            .arg(at)
            .arg(hint->range->first)
            .arg(hint->range->second);
      hint->guides << at;
    }
  }
  for (const char* flag : {"signal", "selected"})
    if (has(flag) && !o.value(QLatin1String(flag)).isBool())
      return QStringLiteral("'%1' must be true or false").arg(QLatin1String(flag));
  hint->signal = o.value(QStringLiteral("signal")).toBool();
  if (hint->signal)
    for (const char* drawn : {"pane", "group", "style", "lower", "range", "guides"})
      if (has(drawn))
        return QStringLiteral("a signal is drawn as markers on the price chart: '%1' does not apply")
            .arg(QLatin1String(drawn));
  if (has("selected")) hint->selected = o.value(QStringLiteral("selected")).toBool();
  if (has("color")) {
    static const QRegularExpression rgb(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    hint->color = o.value(QStringLiteral("color")).toString();
    if (!rgb.match(hint->color).hasMatch()) return QStringLiteral("'color' must be \"#rrggbb\"");
  }
  return {};
}

// The "display" of output `out`: one object, or a list tried in order (each but the last with a
// 'when'). An error text, or empty.
QString parseDisplay(const QJsonValue& display, const PluginInfo& info, OutputSpec* out) {
  if (display.isUndefined()) return {};
  if (!display.isObject() && !display.isArray())
    return QStringLiteral("'display' must be an object or a list of objects");
  const QJsonArray entries = display.isArray() ? display.toArray() : QJsonArray{display};
  for (qsizetype i = 0; i < entries.size(); ++i) {
    const QString where = display.isArray() ? QStringLiteral("display[%1]").arg(i) : QStringLiteral("display");
    if (!entries[i].isObject()) return QStringLiteral("%1 must be an object").arg(where);
    DisplayHint hint;
    if (QString e = parseDisplayHint(entries[i].toObject(), *out, info, &hint); !e.isEmpty())
      return QStringLiteral("%1: %2").arg(where, e);
    if (hint.when.isEmpty() && i + 1 < entries.size())
      return QStringLiteral("%1 has no 'when', so the entries after it never apply").arg(where);
    out->display.push_back(std::move(hint));
  }
  return {};
}

}  // namespace

QString paramTypeName(ParamType type) {
  for (const auto& [t, name] : kTypeNames)
    if (t == type) return name;
  return QStringLiteral("?");
}

QString paramValueText(const QVariant& value) {
  if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList) {
    QStringList parts;
    for (const QVariant& element : value.toList()) parts << paramValueText(element);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
  }
  return value.toString();
}

QString ParamSpec::check(const QVariant& value, QVariant* canonical) const {
  switch (type) {
    case ParamType::Int: {
      int x = 0;
      if (QString e = checkInteger(value, *this, &x); !e.isEmpty()) return e;
      *canonical = x;
      return {};
    }
    case ParamType::Double: {
      if (!isNumber(value)) return QStringLiteral("expected a number, got %1").arg(show(value));
      const double x = value.toDouble();
      if (!std::isfinite(x)) return QStringLiteral("expected a finite number, got %1").arg(show(value));
      if (QString e = checkRange(x, *this); !e.isEmpty()) return e;
      *canonical = x;
      return {};
    }
    case ParamType::Bool:
      if (value.typeId() != QMetaType::Bool)
        return QStringLiteral("expected true or false, got %1").arg(show(value));
      *canonical = value.toBool();
      return {};
    case ParamType::String:
    case ParamType::Formula:
      if (value.typeId() != QMetaType::QString)
        return QStringLiteral("expected text, got %1").arg(show(value));
      *canonical = value.toString();
      return {};
    case ParamType::Choice:
      if (value.typeId() != QMetaType::QString || !choices.contains(value.toString()))
        return QStringLiteral("%1 is not one of %2").arg(show(value), choices.join(QLatin1Char('|')));
      *canonical = value.toString();
      return {};
    case ParamType::IntList: {
      if (!isList(value)) return QStringLiteral("expected a list of whole numbers, got %1").arg(show(value));
      const QVariantList list = value.toList();
      if (list.isEmpty()) return QStringLiteral("the list is empty");
      if (list.size() > kMaxListElements) return tooLong(list.size());
      QVariantList out;
      QSet<int> seen;
      for (int i = 0; i < list.size(); ++i) {
        int x = 0;
        if (QString e = checkInteger(list[i], *this, &x); !e.isEmpty())
          return QStringLiteral("element %1: %2").arg(i + 1).arg(e);
        if (seen.contains(x)) return QStringLiteral("%1 is listed twice").arg(x);
        seen.insert(x);
        out << x;
      }
      *canonical = out;
      return {};
    }
    case ParamType::StringList: {
      if (!isList(value)) return QStringLiteral("expected a list, got %1").arg(show(value));
      const QVariantList list = value.toList();
      if (list.isEmpty()) return QStringLiteral("the list is empty");
      if (list.size() > kMaxListElements) return tooLong(list.size());
      QStringList out;
      for (int i = 0; i < list.size(); ++i) {
        if (list[i].typeId() != QMetaType::QString)
          return QStringLiteral("element %1: expected text, got %2").arg(i + 1).arg(show(list[i]));
        const QString s = list[i].toString();
        if (!choices.isEmpty() && !choices.contains(s))
          return QStringLiteral("element %1: '%2' is not one of %3")
              .arg(i + 1)
              .arg(s, choices.join(QLatin1Char('|')));
        if (out.contains(s)) return QStringLiteral("'%1' is listed twice").arg(s);
        out << s;
      }
      *canonical = QVariant(out).toList();
      return {};
    }
    case ParamType::Pairs: {
      if (!isList(value)) return QStringLiteral("expected a list of [a, b] pairs, got %1").arg(show(value));
      QVariantList out;
      const QVariantList list = value.toList();
      if (list.size() > kMaxListElements) return tooLong(list.size());
      QSet<QStringList> seen;
      for (int i = 0; i < list.size(); ++i) {
        const QVariantList pair = list[i].toList();
        if (!isList(list[i]) || pair.size() != 2 || pair[0].typeId() != QMetaType::QString ||
            pair[1].typeId() != QMetaType::QString || pair[0].toString().isEmpty() ||
            pair[1].toString().isEmpty())
          return QStringLiteral("element %1: expected a pair of column names [a, b], got %2")
              .arg(i + 1)
              .arg(show(list[i]));
        const QStringList names{pair[0].toString(), pair[1].toString()};
        if (seen.contains(names)) return QStringLiteral("[%1, %2] is listed twice").arg(names[0], names[1]);
        seen.insert(names);
        out << QVariant(QVariantList{QVariant(names[0]), QVariant(names[1])});
      }
      *canonical = out;
      return {};
    }
  }
  return QStringLiteral("unknown parameter type");
}

bool DisplayHint::matches(const QVariantMap& placeholders) const {
  for (auto it = when.cbegin(); it != when.cend(); ++it)
    if (!it.value().contains(placeholders.value(it.key()).toString())) return false;
  return true;
}

DisplayHint OutputSpec::displayFor(const QVariantMap& placeholders) const {
  for (const DisplayHint& hint : display)
    if (hint.matches(placeholders)) return hint;
  return {};
}

QVariantMap OutputSpec::placeholderValues(const QString& column, const QVariantMap& bindings) const {
  // The common case, every placeholder bound and nothing else: the bindings are the answer,
  // shared rather than rebuilt (this runs once a planned column).
  bool onlyBound = true;
  qsizetype placeholders = 0;
  forEachPlaceholder(name, [&](QStringView key, qsizetype, qsizetype) {
    ++placeholders;
    auto binding = bindings.cbegin();
    while (binding != bindings.cend() && binding.key() != key) ++binding;
    onlyBound = onlyBound && binding != bindings.cend() && isScalar(binding.value());
  });
  if (onlyBound && placeholders == bindings.size()) return bindings;

  // Otherwise the name as a pattern: bound placeholders literal, the others captured.
  QVariantMap values;
  QStringList captured;
  QString pattern;
  qsizetype at = 0;
  forEachPlaceholder(name, [&](QStringView keyView, qsizetype start, qsizetype end) {
    pattern += QRegularExpression::escape(QStringView(name).sliced(at, start - at).toString());
    at = end;
    const QString key = keyView.toString();
    const QVariant value = bindings.value(key);
    if (isScalar(value)) {
      values.insert(key, value);
      pattern += QRegularExpression::escape(value.toString());
    } else {
      captured << key;
      pattern += QStringLiteral("(.+?)");
    }
  });
  if (captured.isEmpty()) return values;  // bound, with bindings the name does not use
  pattern += QRegularExpression::escape(name.mid(at));
  const QRegularExpressionMatch match =
      QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(column);
  if (match.hasMatch())
    for (int i = 0; i < static_cast<int>(captured.size()); ++i) values.insert(captured[i], match.captured(i + 1));
  return values;
}

QString PluginInfo::listedCategory() const {
  if (!category.isEmpty()) return category;
  return kind == u"transform" ? QStringLiteral("Transforms") : QStringLiteral("Other indicators");
}

const ParamSpec* PluginInfo::param(const QString& paramName) const {
  for (const ParamSpec& p : params)
    if (p.name == paramName) return &p;
  return nullptr;
}

QVariantMap PluginInfo::resolveParams(const QVariantMap& given, QStringList* errors) const {
  QVariantMap resolved;
  for (auto it = given.cbegin(); it != given.cend(); ++it) {
    if (!param(it.key())) {
      QStringList names;
      for (const ParamSpec& p : params) names << p.name;
      errors->append(QStringLiteral("unknown parameter '%1' for plugin '%2' (parameters: %3)")
                         .arg(it.key(), id, names.isEmpty() ? QStringLiteral("none")
                                                             : names.join(QStringLiteral(", "))));
    }
  }
  for (const ParamSpec& p : params) {
    const QVariant value = given.contains(p.name) ? given.value(p.name) : p.defaultValue;
    QVariant canonical;
    if (QString e = p.check(value, &canonical); !e.isEmpty())
      errors->append(QStringLiteral("%1.%2: %3").arg(id, p.name, e));
    else
      resolved.insert(p.name, canonical);
  }
  return resolved;
}

std::optional<PluginInfo> PluginInfo::fromJson(const QJsonObject& json, QString* error) {
  auto fail = [&](const QString& message) {
    *error = message;
    return std::nullopt;
  };
  if (json.isEmpty()) return fail(QStringLiteral("no metadata (Q_PLUGIN_METADATA without a JSON file?)"));
  PluginInfo info;
  if (!json.contains(QStringLiteral("id"))) return fail(QStringLiteral("missing 'id'"));
  info.id = json.value(QStringLiteral("id")).toString();
  static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
  if (!idPattern.match(info.id).hasMatch())
    return fail(QStringLiteral("'id' must be lower-case letters, digits and '_', starting with a "
                               "letter; got %1")
                    .arg(show(json.value(QStringLiteral("id")).toVariant())));
  if (!json.contains(QStringLiteral("kind"))) return fail(QStringLiteral("missing 'kind'"));
  info.kind = json.value(QStringLiteral("kind")).toString();
  // "formula": a step allowed in every section (the built-in expression step).
  static const QStringList kinds = {QStringLiteral("indicator"), QStringLiteral("microstructure"),
                                    QStringLiteral("transform"), QStringLiteral("formula")};
  if (!kinds.contains(info.kind))
    return fail(QStringLiteral("'kind' must be one of %1, not %2")
                    .arg(kinds.join(QLatin1Char('|')),
                         show(json.value(QStringLiteral("kind")).toVariant())));
  info.version = json.value(QStringLiteral("version")).toString();
  if (info.version.isEmpty()) return fail(QStringLiteral("missing 'version'"));
  if (!json.value(QStringLiteral("apiVersion")).isDouble())
    return fail(QStringLiteral("missing 'apiVersion'"));
  info.apiVersion = json.value(QStringLiteral("apiVersion")).toInt();
  info.name = json.value(QStringLiteral("name")).toString(info.id);
  info.description = json.value(QStringLiteral("description")).toString();
  const QJsonValue category = json.value(QStringLiteral("category"));
  if (!category.isUndefined()) {
    static const QRegularExpression categoryPattern(QStringLiteral("^[^\\x00-\\x1f\\x7f]{1,40}$"));
    if (!category.isString() || !categoryPattern.match(category.toString()).hasMatch())
      return fail(QStringLiteral("'category' must be a text of 1 to 40 printable characters, not %1")
                      .arg(show(category.toVariant())));
    info.category = category.toString();
  }
  for (const QJsonValue& v : json.value(QStringLiteral("inputs")).toArray()) info.inputs << v.toString();
  const QJsonValue applyTo = json.value(QStringLiteral("applyTo"));
  if (!applyTo.isUndefined() && !applyTo.isBool())
    return fail(QStringLiteral("'applyTo' must be true or false"));
  info.usesApplyTo = applyTo.toBool(info.kind == u"transform");
  if (info.usesApplyTo && info.kind != u"transform")
    return fail(QStringLiteral("'applyTo' is for transforms only; this is a %1").arg(info.kind));

  const QJsonArray outputs = json.value(QStringLiteral("outputs")).toArray();
  if (outputs.isEmpty()) return fail(QStringLiteral("no 'outputs'"));
  for (const QJsonValue& v : outputs) {
    if (!v.isObject()) return fail(QStringLiteral("each of 'outputs' must be an object {name, lookback, help}"));
    const QJsonObject o = v.toObject();
    OutputSpec out;
    out.name = o.value(QStringLiteral("name")).toString();
    out.lookback = o.value(QStringLiteral("lookback")).toString();
    out.help = o.value(QStringLiteral("help")).toString();
    for (const QJsonValue& b : o.value(QStringLiteral("bound")).toArray()) out.bound << b.toString();
    if (out.name.isEmpty()) return fail(QStringLiteral("an output has no 'name'"));
    if (out.lookback.isEmpty())
      return fail(QStringLiteral("output '%1' has no 'lookback'").arg(out.name));
    info.outputs.push_back(out);
  }

  const QJsonValue parameters = json.value(QStringLiteral("parameters"));
  if (!parameters.isUndefined() && !parameters.isArray())
    return fail(QStringLiteral("'parameters' must be a list"));
  for (const QJsonValue& v : parameters.toArray()) {
    if (!v.isObject()) return fail(QStringLiteral("each of 'parameters' must be an object"));
    const QJsonObject o = v.toObject();
    ParamSpec p;
    p.name = o.value(QStringLiteral("name")).toString();
    if (p.name.isEmpty()) return fail(QStringLiteral("a parameter has no 'name'"));
    const QString typeName = o.value(QStringLiteral("type")).toString();
    bool known = false;
    for (const auto& [t, name] : kTypeNames)
      if (name == typeName) p.type = t, known = true;
    if (!known)
      return fail(QStringLiteral("parameter '%1': unknown type '%2'").arg(p.name, typeName));
    for (const char* bound : {"min", "max"})
      if (o.contains(QLatin1String(bound)) && !o.value(QLatin1String(bound)).isDouble())
        return fail(QStringLiteral("parameter '%1': '%2' must be a number").arg(p.name, QLatin1String(bound)));
    if (o.contains(QStringLiteral("min"))) p.min = o.value(QStringLiteral("min")).toDouble();
    if (o.contains(QStringLiteral("max"))) p.max = o.value(QStringLiteral("max")).toDouble();
    if (p.min && p.max && *p.min > *p.max)
      return fail(QStringLiteral("parameter '%1': min %2 is above max %3")
                      .arg(p.name)
                      .arg(*p.min)
                      .arg(*p.max));
    for (const QJsonValue& c : o.value(QStringLiteral("choices")).toArray()) {
      if (!c.isString() || c.toString().isEmpty())
        return fail(QStringLiteral("parameter '%1': 'choices' must be a list of names").arg(p.name));
      p.choices << c.toString();
    }
    if (p.type == ParamType::Choice && p.choices.isEmpty())
      return fail(QStringLiteral("parameter '%1': a choice needs 'choices'").arg(p.name));
    p.help = o.value(QStringLiteral("help")).toString();
    if (!o.contains(QStringLiteral("default")))
      return fail(QStringLiteral("parameter '%1' has no 'default'").arg(p.name));
    QVariant canonical;
    const QString bad = p.check(o.value(QStringLiteral("default")).toVariant(), &canonical);
    if (!bad.isEmpty())
      return fail(QStringLiteral("parameter '%1': default: %2").arg(p.name, bad));
    p.defaultValue = canonical;
    if (info.param(p.name)) return fail(QStringLiteral("parameter '%1' is declared twice").arg(p.name));
    info.params.push_back(p);
  }

  // Display hints once every output is known (a band names its lower edge among them).
  for (qsizetype k = 0; k < outputs.size(); ++k) {
    OutputSpec& out = info.outputs[static_cast<std::size_t>(k)];
    if (QString bad = parseDisplay(outputs[k].toObject().value(QStringLiteral("display")), info, &out);
        !bad.isEmpty())
      return fail(QStringLiteral("output '%1': %2").arg(out.name, bad));
  }

  // Every lookback must evaluate: names are parameters, placeholders of the output's name or
  // the output's "bound" names (both bound per task by plan()); checked with the defaults, so a typo is caught before any code runs.
  for (const OutputSpec& out : info.outputs) {
    QVariantMap values;
    for (const ParamSpec& p : info.params)
      values.insert(p.name, p.type == ParamType::Int ? p.defaultValue.toInt() : 0);
    for (const QString& name : placeholdersOf(out.name)) values.insert(name, 0);
    for (const QString& name : out.bound) values.insert(name, 0);
    QString bad;
    if (!evaluateLookback(out.lookback, values, &bad))
      return fail(QStringLiteral("output '%1': %2").arg(out.name, bad));
  }
  return info;
}

namespace {

// Recursive descent over: expr = term (('+'|'-') term)*; term = int | name | max(expr, expr) |
// (expr).
// Bounded: plugin JSON is read before any plugin code runs, at every start-up, so a hostile
// expression must not overflow the stack (60,000 nested parentheses did) or an int.
constexpr qsizetype kMaxLookbackLength = 1000;
constexpr int kMaxLookbackDepth = 32;
constexpr long long kMaxLookback = std::numeric_limits<int>::max();

class LookbackParser {
 public:
  LookbackParser(const QString& text, const QVariantMap& values) : text_(text), values_(values) {}
  std::optional<int> parse(QString* error) {
    std::optional<long long> v;
    if (text_.size() > kMaxLookbackLength)
      fail(QStringLiteral("longer than %1 characters").arg(kMaxLookbackLength));
    else
      v = expression();
    skipSpace();
    if (v && pos_ != text_.size()) error_ = QStringLiteral("unexpected '%1'").arg(text_.mid(pos_, 40));
    if (!error_.isEmpty()) {
      const QString shown = text_.size() > 80 ? text_.left(80) + QStringLiteral("...") : text_;
      *error = QStringLiteral("lookback '%1': %2").arg(shown, error_);
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

 private:
  void skipSpace() {
    while (pos_ < text_.size() && text_[pos_].isSpace()) ++pos_;
  }
  bool accept(QChar c) {
    skipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  // Every partial result within +-INT_MAX, so no sum of two can overflow a long long.
  std::optional<long long> inRange(long long v) {
    if (v > kMaxLookback || v < -kMaxLookback) return fail(QStringLiteral("out of range"));
    return v;
  }
  std::optional<long long> expression() {
    auto value = term();
    while (value) {
      if (accept(QLatin1Char('+'))) {
        auto rhs = term();
        if (!rhs) return std::nullopt;
        value = inRange(*value + *rhs);
      } else if (accept(QLatin1Char('-'))) {
        auto rhs = term();
        if (!rhs) return std::nullopt;
        value = inRange(*value - *rhs);
      } else {
        break;
      }
    }
    return value;
  }
  std::optional<long long> term() {
    if (depth_ >= kMaxLookbackDepth)
      return fail(QStringLiteral("nested more than %1 levels deep").arg(kMaxLookbackDepth));
    ++depth_;
    auto v = termAtDepth();
    --depth_;
    return v;
  }
  std::optional<long long> termAtDepth() {
    skipSpace();
    if (accept(QLatin1Char('-'))) {
      auto v = term();
      if (v) return -*v;
      return v;
    }
    if (accept(QLatin1Char('('))) {
      auto v = expression();
      if (v && !accept(QLatin1Char(')'))) return fail(QStringLiteral("missing ')'"));
      return v;
    }
    const int start = static_cast<int>(pos_);
    while (pos_ < text_.size() && (text_[pos_].isLetterOrNumber() || text_[pos_] == u'_')) ++pos_;
    const QString word = text_.mid(start, pos_ - start);
    if (word.isEmpty()) return fail(QStringLiteral("expected a number or a name"));
    bool isInt = false;
    const long long number = word.toLongLong(&isInt);
    if (isInt) return inRange(number);
    if (std::all_of(word.begin(), word.end(), [](QChar c) { return c.isDigit(); }))
      return fail(QStringLiteral("'%1' is out of range").arg(word.left(40)));
    if (word == u"max") {
      if (!accept(QLatin1Char('('))) return fail(QStringLiteral("max needs '('"));
      auto a = expression();
      if (!a || !accept(QLatin1Char(','))) return fail(QStringLiteral("max needs two arguments"));
      auto b = expression();
      if (!b || !accept(QLatin1Char(')'))) return fail(QStringLiteral("missing ')' after max"));
      return std::max(*a, *b);
    }
    if (!values_.contains(word)) return fail(QStringLiteral("unknown name '%1'").arg(word));
    bool ok = false;
    const int v = values_.value(word).toInt(&ok);
    if (!ok) return fail(QStringLiteral("'%1' is not a whole number").arg(word));
    // INT_MIN is an int but not within +-INT_MAX: negated, it would not be an int.
    if (v < -kMaxLookback) return fail(QStringLiteral("'%1' (%2) is out of range").arg(word).arg(v));
    return v;
  }
  std::optional<long long> fail(const QString& message) {
    if (error_.isEmpty()) error_ = message;
    return std::nullopt;
  }

  const QString& text_;
  const QVariantMap& values_;
  qsizetype pos_ = 0;
  int depth_ = 0;
  QString error_;
};

}  // namespace

std::optional<int> evaluateLookback(const QString& expression, const QVariantMap& values,
                                    QString* error) {
  return LookbackParser(expression, values).parse(error);
}

}  // namespace strata
