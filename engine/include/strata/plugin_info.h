#pragma once
// What a plugin says about itself in its JSON metadata, read before any of its code runs.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <vector>

namespace strata {

enum class ParamType { Int, Double, Bool, String, Choice, IntList, StringList, Pairs };

struct ParamSpec {
  QString name;
  ParamType type = ParamType::Int;
  QVariant defaultValue;
  std::optional<double> min, max;  // for numbers and each element of number lists
  QStringList choices;             // for Choice
  QString help;

  /// Checks one value and converts it to the canonical QVariant type; returns an error text.
  QString check(const QVariant& value, QVariant* canonical) const;
};

struct OutputSpec {
  QString name;      // may hold {placeholders} bound per task, e.g. "{column}_lag_{period}"
  QString lookback;  // expression: terms (integers, parameter or binding names) joined by + and -
  QString help;
};

struct PluginInfo {
  QString id;
  QString kind;  // "indicator", "microstructure" or "transform"
  QString version;
  int apiVersion = 0;
  QString name, description;
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

QString paramTypeName(ParamType type);
/// A parameter value as YAML flow text: "14", "[1, 2, 3]", "[[macd, macd_signal]]".
QString paramValueText(const QVariant& value);

/// Evaluates a lookback expression such as "slow_period + signal_period - 2" against integer
/// parameters and task bindings. Returns nullopt (and an error) for an unknown name.
std::optional<int> evaluateLookback(const QString& expression, const QVariantMap& values,
                                    QString* error);

}  // namespace strata
