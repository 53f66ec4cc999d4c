#pragma once
// The plugin boundary, the one header every plugin includes (header-only: a plugin with no
// shared math links nothing but QtCore). A plugin is a shared library with JSON metadata (id,
// kind, version, apiVersion, inputs, outputs with their lookback and display hints, parameter
// schema) and one small stateless object implementing FeaturePlugin. The engine validates parameters against the schema before
// a plugin sees them, owns every buffer, and decides what runs on which thread: a plugin never
// allocates the outputs, starts threads or locks.
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <QtPlugin>

#include <span>
#include <vector>

namespace strata {

/// Bump when FeaturePlugin or the metadata format changes incompatibly; it is part of the IID.
inline constexpr int kPluginApiVersion = 1;

using Column = std::span<double>;
using ConstColumn = std::span<const double>;

/// Parameter values already checked against the plugin's schema, defaults filled in.
class Params {
 public:
  Params() = default;
  explicit Params(QVariantMap values) : values_(std::move(values)) {}
  int integer(const QString& name) const { return values_.value(name).toInt(); }
  double real(const QString& name) const { return values_.value(name).toDouble(); }
  bool flag(const QString& name) const { return values_.value(name).toBool(); }
  QString text(const QString& name) const { return values_.value(name).toString(); }
  QList<int> integers(const QString& name) const {
    QList<int> out;
    for (const QVariant& v : values_.value(name).toList()) out << v.toInt();
    return out;
  }
  QStringList texts(const QString& name) const {
    QStringList out;
    for (const QVariant& v : values_.value(name).toList()) out << v.toString();
    return out;
  }
  /// A list of [a, b] column-name pairs (type "pairs").
  QList<QStringList> pairs(const QString& name) const {
    QList<QStringList> out;
    for (const QVariant& pair : values_.value(name).toList()) {
      QStringList p;
      for (const QVariant& e : pair.toList()) p << e.toString();
      out << p;
    }
    return out;
  }
  const QVariantMap& values() const { return values_; }

 private:
  QVariantMap values_;
};

/// One independent unit of work: read `inputs`, write `outputs` (same row count). Tasks of one
/// step never depend on each other, so the engine runs them in parallel.
struct Task {
  QStringList inputs;
  QStringList outputs;
  /// For each output, the index of the metadata "outputs" entry it instantiates (its lookback).
  QList<int> outputSpecs;
  /// Values bound for this task, usable in the metadata lookback expressions ("period": 5).
  QVariantMap bindings;
};

class FeaturePlugin {
 public:
  virtual ~FeaturePlugin() = default;

  /// Expands a configured step into tasks. For indicators `sources` lists every available
  /// column; for transformations it lists the columns the step applies to.
  /// Returns an empty list and sets `error` when the step cannot run (a pair names a missing
  /// column, for example).
  virtual std::vector<Task> plan(const Params& params, const QStringList& sources,
                                 QString* error) const = 0;

  /// Computes one task. Row i of an output may depend on rows 0..i of the inputs only.
  /// Inputs may hold NaN and +-inf; outputs are fully written (NaN where undefined).
  virtual void compute(const Params& params, const Task& task, std::span<const ConstColumn> inputs,
                       std::span<const Column> outputs) const = 0;
};

}  // namespace strata

#define StrataFeaturePlugin_iid "org.strata.FeaturePlugin/1"
Q_DECLARE_INTERFACE(strata::FeaturePlugin, StrataFeaturePlugin_iid)
