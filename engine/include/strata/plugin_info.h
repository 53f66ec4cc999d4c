#pragma once
// What a plugin says about itself in its JSON metadata, read before any of its code runs.
#include "strata/visibility.h"
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <utility>
#include <vector>

namespace strata {

// Formula: text in the formula language (docs/formulas.md); the GUI edits it with a formula editor.
enum class ParamType { Int, Double, Bool, String, Formula, Choice, IntList, StringList, Pairs };

struct STRATA_ENGINE_EXPORT ParamSpec {
  QString name;
  ParamType type = ParamType::Int;
  QVariant defaultValue;
  std::optional<double> min, max;  // for numbers and each element of number lists
  QStringList choices;             // for Choice
  QString help;

  /// Checks one value and converts it to the canonical QVariant type; returns an error text.
  QString check(const QVariant& value, QVariant* canonical) const;
};

/// Where and how a chart draws one output: an output's "display" in the JSON metadata
/// (docs/plugins.md, "Display hints"). Only the GUI reads it; the computation ignores it.
enum class DisplayPane { Own, Price, Input };  // Input: where the task's first input column draws
enum class DisplayStyle { Line, Histogram, Band, Markers };

struct STRATA_ENGINE_EXPORT DisplayHint {
  /// Placeholder of the output's name -> the values this hint is for; empty: every instance.
  QMap<QString, QStringList> when;
  DisplayPane pane = DisplayPane::Own;
  QString group;   // own panes: the outputs of one step with the same group share one pane
  DisplayStyle style = DisplayStyle::Line;
  QString lower;   // band: the output (its metadata name) that is the band's lower edge
  std::optional<std::pair<double, double>> range;  // a fixed y range for its own pane
  QList<double> guides;  // horizontal guide lines in its own pane
  bool signal = false;   // > 0 / < 0 rows are marked with up / down markers on the price chart
  std::optional<bool> selected;  // plotted before the user picks; unset: the plugin kind decides
  QString color;  // "#rrggbb"; empty: the chart's palette

  /// True when every `when` placeholder has one of its values in `placeholders`.
  bool matches(const QVariantMap& placeholders) const;
};

struct STRATA_ENGINE_EXPORT OutputSpec {
  QString name;      // may hold {placeholders} bound per task, e.g. "{column}_lag_{period}"
  QString lookback;  // expression: terms (integers, parameter or binding names) joined by + and -
  /// Names plan() binds in each task besides the name's placeholders ("bound": ["lookback"]):
  /// a lookback only the plan knows, such as a formula's.
  QStringList bound;
  QString help;
  std::vector<DisplayHint> display;  // tried in order; empty: the default hint (own pane, line)

  /// The first display hint matching `placeholders`, or the default hint.
  DisplayHint displayFor(const QVariantMap& placeholders) const;
  /// The values of this output's {placeholders} in `column`, one instance of its name. Scalar
  /// `bindings` (the task's) are taken as given; the rest are read off the name.
  QVariantMap placeholderValues(const QString& column, const QVariantMap& bindings) const;
};

struct STRATA_ENGINE_EXPORT PluginInfo {
  QString id;
  QString kind;  // "indicator", "microstructure" or "transform"
  QString version;
  int apiVersion = 0;
  QString name, description;
  /// Where the Add-step menu and docs/indicators.md list it ("Momentum", "Volume", ...): the
  /// metadata's optional "category"; empty when absent (then listed by kind).
  QString category;
  /// The category it is listed under: `category`, or by kind when the metadata has none
  /// ("Transforms", "Other indicators"). The one rule the Add-step menu and the docs page share.
  QString listedCategory() const;
  QStringList inputs;  // bar columns an indicator reads; empty for transforms
  bool usesApplyTo = true;  // false: a transform that takes named columns ("applyTo": false)
  std::vector<OutputSpec> outputs;
  std::vector<ParamSpec> params;
  QString libraryPath;

  /// Parses the "MetaData" object of a plugin; returns an error text on a malformed document.
  static std::optional<PluginInfo> fromJson(const QJsonObject& metaData, QString* error);
  const ParamSpec* param(const QString& name) const;
  /// Fills defaults and checks every value; unknown names are errors.
  QVariantMap resolveParams(const QVariantMap& given, QStringList* errors) const;
};

STRATA_ENGINE_EXPORT QString paramTypeName(ParamType type);
/// A parameter value as YAML flow text: "14", "[1, 2, 3]", "[[macd, macd_signal]]".
STRATA_ENGINE_EXPORT QString paramValueText(const QVariant& value);

/// Evaluates a lookback expression such as "slow_period + signal_period - 2" against integer
/// parameters and task bindings. Returns nullopt (and an error) for an unknown name.
STRATA_ENGINE_EXPORT std::optional<int> evaluateLookback(const QString& expression, const QVariantMap& values,
                                    QString* error);

}  // namespace strata
