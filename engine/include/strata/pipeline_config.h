#pragma once
// The pipeline as the user writes it in YAML. Loading keeps every location so validation can
// point at file:line:column; saving writes back everything the user set (and nothing they
// did not), so load(save(c)) == c.
#include "strata/visibility.h"
#include "strata/diagnostic.h"
#include "strata/precision.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>
#include <vector>

namespace strata {

class PluginRegistry;

enum class Stage { Indicators, Microstructure, Transformations };
STRATA_ENGINE_EXPORT QString stageName(Stage stage);  // the YAML key: "indicators", ...

/// A parameter value written as YAML flow text ("14", "[1, 2, 3]", "[[macd, macd_signal]]")
/// read exactly as PipelineConfig reads the same text in a file: one scalar parser for the
/// pipeline editor's form and its YAML tab ("[010]" is 10 in both, "0x10" text in both).
/// nullopt, with `error`, when the text is not YAML.
STRATA_ENGINE_EXPORT std::optional<QVariant> parseParamValueText(const QString& text, QString* error);

/// Which columns a transformation reads.
enum class ApplyTo {
  Base,     // OHLCV + indicators + microstructure (default)
  All,      // every numeric column so far: the original spec's cumulative way (docs/spec.md)
  Columns,  // the names / glob patterns in `applyToPatterns`
};

struct STRATA_ENGINE_EXPORT StepConfig {
  Stage stage = Stage::Indicators;
  QString plugin;
  bool enabled = true;
  QVariantMap params;  // as written; defaults are not stored here
  QString suffix;      // appended to every output name, to run one plugin twice
  ApplyTo applyTo = ApplyTo::Base;
  QStringList applyToPatterns;
  SourceLocation where;                          // of the step's mapping
  QHash<QString, SourceLocation> keyLocations;   // "plugin", "params.window", "apply_to", ...
  bool operator==(const StepConfig& o) const;
};

struct STRATA_ENGINE_EXPORT TargetConfig {
  bool enabled = true;
  int horizon = 1;           // bars ahead; the original spec uses 1 (docs/spec.md, Target)
  bool seedCompat = false;   // true: rows without a future bar get 0 (the original spec), not NaN
  bool operator==(const TargetConfig&) const = default;
};

enum class NormMethod { MinMax, None };
enum class NormFit { All, TrainFraction, Expanding };
enum class InfPolicy { Spec, Keep, Nan, Clip };

struct STRATA_ENGINE_EXPORT NormalizationConfig {
  NormMethod method = NormMethod::MinMax;
  NormFit fit = NormFit::All;  // All leaks the future into the past; the report says so
  double trainFraction = 0.7;
  InfPolicy infPolicy = InfPolicy::Spec;  // Spec: min-max turns a column holding inf into zeros
  bool operator==(const NormalizationConfig&) const = default;
};

class STRATA_ENGINE_EXPORT PipelineConfig {
 public:
  std::vector<StepConfig> steps;
  TargetConfig target;
  NormalizationConfig normalization;
  /// The feature matrix's element type (top-level `precision:`). Kernels and normalisation
  /// compute in double either way; float32 rounds each finished column once.
  Precision precision = Precision::Float64;
  QString sourceFile;
  /// Where target, normalization and precision keys were written: "target.horizon",
  /// "normalization.train_fraction", "precision", ... (not compared by operator==).
  QHash<QString, SourceLocation> keyLocations;

  /// Parses YAML. Structural errors (unknown keys, wrong types, bad enum values) are reported
  /// with their location; returns nullopt when there is any.
  static std::optional<PipelineConfig> fromYaml(const QString& text, const QString& fileName,
                                                std::vector<Diagnostic>* errors);
  static std::optional<PipelineConfig> fromFile(const QString& path,
                                                std::vector<Diagnostic>* errors);
  /// The default pipeline docs/spec.md describes (resources/configs/default.yaml, compiled in).
  static PipelineConfig defaults();
  static QString defaultYaml();

  QString toYaml() const;
  /// Checks plugins exist and have the right stage, and every parameter against its schema.
  std::vector<Diagnostic> validate(const PluginRegistry& registry) const;

  bool operator==(const PipelineConfig& o) const;
};

}  // namespace strata
