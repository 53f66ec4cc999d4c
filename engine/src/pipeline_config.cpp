#include "strata/pipeline_config.h"

#include "strata/bounded_read.h"
#include "formula/formula_diagnostic.h"
#include "strata/formula.h"
#include "strata/plugin_registry.h"
#include "suggestion.h"
#include "yaml_load.h"

#include <QSet>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace strata {
namespace {

const QStringList kTopKeys = {QStringLiteral("indicators"), QStringLiteral("microstructure"),
                              QStringLiteral("transformations"), QStringLiteral("target"),
                              QStringLiteral("normalization"), QStringLiteral("precision")};
const QStringList kStepKeys = {QStringLiteral("plugin"), QStringLiteral("enabled"),
                               QStringLiteral("params"), QStringLiteral("suffix"),
                               QStringLiteral("apply_to")};
const QStringList kTargetKeys = {QStringLiteral("enabled"), QStringLiteral("horizon"),
                                 QStringLiteral("seed_compat")};
const QStringList kNormKeys = {QStringLiteral("method"), QStringLiteral("fit"),
                               QStringLiteral("train_fraction"), QStringLiteral("inf_policy")};
const QStringList kMethods = {QStringLiteral("minmax"), QStringLiteral("none")};
const QStringList kFits = {QStringLiteral("all"), QStringLiteral("train_fraction"),
                           QStringLiteral("expanding")};
const QStringList kPrecisions = {QStringLiteral("float64"), QStringLiteral("float32")};
const QStringList kInfPolicies = {QStringLiteral("spec"), QStringLiteral("keep"),
                                  QStringLiteral("nan"), QStringLiteral("clip")};

QString text(const YAML::Node& node) { return QString::fromStdString(node.Scalar()); }

// Only digits, signs, '.', 'e' and 'E', with at least one digit: std::from_chars alone would
// also take "inf" and "nan" as numbers.
bool looksNumeric(const std::string& s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') return false;
  }
  return digit;
}

// An unquoted YAML scalar as the most specific QVariant: bool, int (qlonglong beyond 32 bits),
// double, else text.
QVariant plainScalar(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (looksNumeric(s)) {
    const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
    const char* end = s.data() + s.size();
    long long integer = 0;
    auto r = std::from_chars(begin, end, integer);
    if (r.ec == std::errc() && r.ptr == end) {
      if (integer >= std::numeric_limits<int>::min() && integer <= std::numeric_limits<int>::max())
        return QVariant(static_cast<int>(integer));
      return QVariant(integer);
    }
    double real = 0;
    auto d = std::from_chars(begin, end, real);
    if (d.ec == std::errc() && d.ptr == end) return real;
    // Out of range (1e999) or malformed (1.2.3): kept as text, refused by the schema check.
  }
  if (s == ".inf" || s == "+.inf" || s == ".Inf" || s == ".INF") return std::numeric_limits<double>::infinity();
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return -std::numeric_limits<double>::infinity();
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return QString::fromStdString(s);
}

bool isNullWord(const std::string& s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Quoted scalars ("14", '14') and explicit !!str are always text.
QVariant scalarValue(const YAML::Node& node) {
  const std::string& tag = node.Tag();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return QString::fromStdString(node.Scalar());
  return plainScalar(node.Scalar());
}

std::optional<long long> wholeNumber(const QVariant& v) {
  if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong) return v.toLongLong();
  return std::nullopt;
}

QVariant toVariant(const YAML::Node& node) {
  if (node.IsScalar()) return scalarValue(node);
  if (node.IsSequence()) {
    QVariantList list;
    for (const YAML::Node& e : node) list << toVariant(e);
    return list;
  }
  if (node.IsMap()) {
    QVariantMap map;
    for (const auto& kv : node) map.insert(text(kv.first), toVariant(kv.second));
    return map;
  }
  return {};
}

class Parser {
 public:
  Parser(QString file, std::vector<Diagnostic>* errors) : file_(std::move(file)), errors_(errors) {}

  SourceLocation at(const YAML::Node& node) const { return sourceLocation(file_, node.Mark()); }
  SourceLocation at(const YAML::Mark& mark) const { return sourceLocation(file_, mark); }
  /// Where a scalar's text starts: past the opening quote of a quoted one ("!" is yaml-cpp's
  /// tag of a non-plain scalar), so a formula's error column is its character's.
  SourceLocation textStart(const YAML::Node& node) const {
    SourceLocation where = at(node);
    if (node.IsScalar() && node.Tag() == "!" && where.line > 0) ++where.column;
    return where;
  }
  void error(const YAML::Node& node, const QString& key, const QString& message) {
    errors_->push_back({at(node), key, message});
  }
  bool failed() const { return !errors_->empty(); }

  // Reports keys of `map` that are not in `known` (any key when `known` is empty) or that
  // appear twice (yaml-cpp keeps both and lookups would silently take the first). A set: a
  // list made 200,000 parameters take 87 s.
  void checkKeys(const YAML::Node& map, const QStringList& known, const QString& path) {
    QSet<QString> seen;
    for (const auto& kv : map) {
      const QString key = text(kv.first);
      const QString keyPath = path.isEmpty() ? key : path + QLatin1Char('.') + key;
      if (!kv.first.IsScalar())
        error(kv.first, path, QStringLiteral("a key must be a plain name"));
      else if (!known.isEmpty() && !known.contains(key))
        error(kv.first, keyPath,
              QStringLiteral("unknown key '%1'%2; expected one of: %3")
                  .arg(key, suggestion(key, known), known.join(QStringLiteral(", "))));
      else if (seen.contains(key))
        error(kv.first, keyPath, QStringLiteral("'%1' is given twice").arg(key));
      seen << key;
    }
  }

  std::optional<bool> boolean(const YAML::Node& node, const QString& key) {
    const QVariant v = node.IsScalar() ? scalarValue(node) : QVariant();
    if (v.typeId() != QMetaType::Bool) {
      error(node, key, QStringLiteral("expected true or false"));
      return std::nullopt;
    }
    return v.toBool();
  }

  std::optional<QString> choice(const YAML::Node& node, const QString& key,
                                const QStringList& choices) {
    if (!node.IsScalar() || !choices.contains(text(node))) {
      error(node, key,
            QStringLiteral("expected one of %1%2%3")
                .arg(choices.join(QLatin1Char('|')),
                     node.IsScalar() ? QStringLiteral(", got '%1'").arg(text(node)) : QString(),
                     node.IsScalar() ? suggestion(text(node), choices) : QString()));
      return std::nullopt;
    }
    return text(node);
  }

  void parseStep(const YAML::Node& node, Stage stage, int index, PipelineConfig& config) {
    const QString path = QStringLiteral("%1[%2]").arg(stageName(stage)).arg(index);
    if (!node.IsMap()) {
      error(node, path, QStringLiteral("a step is a mapping with at least 'plugin: <id>'"));
      return;
    }
    checkKeys(node, kStepKeys, path);
    StepConfig step;
    step.stage = stage;
    step.where = at(node);
    for (const auto& kv : node) step.keyLocations.insert(text(kv.first), at(kv.second));
    const YAML::Node plugin = node["plugin"];
    if (!plugin || !plugin.IsScalar() || text(plugin).isEmpty())
      error(node, path + QStringLiteral(".plugin"), QStringLiteral("missing 'plugin: <id>'"));
    else
      step.plugin = text(plugin);
    if (const YAML::Node enabled = node["enabled"])
      if (auto v = boolean(enabled, path + QStringLiteral(".enabled"))) step.enabled = *v;
    if (const YAML::Node suffix = node["suffix"]) {
      if (!suffix.IsScalar())
        error(suffix, path + QStringLiteral(".suffix"), QStringLiteral("expected text"));
      else
        step.suffix = text(suffix);
    }
    if (const YAML::Node params = node["params"]) {
      if (params.IsNull()) {
      } else if (!params.IsMap()) {
        error(params, path + QStringLiteral(".params"),
              QStringLiteral("expected a mapping of parameter: value"));
      } else {
        checkKeys(params, {}, path + QStringLiteral(".params"));
        for (const auto& kv : params) {
          const QString name = text(kv.first);
          step.params.insert(name, toVariant(kv.second));
          step.keyLocations.insert(QStringLiteral("params.") + name, textStart(kv.second));
        }
      }
    }
    if (const YAML::Node applyTo = node["apply_to"]) {
      const QString key = path + QStringLiteral(".apply_to");
      if (stage != Stage::Transformations) {
        error(applyTo, key, QStringLiteral("only transformations take apply_to"));
      } else if (applyTo.IsScalar() && !text(applyTo).isEmpty()) {
        const QString value = text(applyTo);
        if (value == u"base") step.applyTo = ApplyTo::Base;
        else if (value == u"all") step.applyTo = ApplyTo::All;
        else step.applyTo = ApplyTo::Columns, step.applyToPatterns = {value};
      } else if (applyTo.IsSequence() && applyTo.size() > 0) {
        step.applyTo = ApplyTo::Columns;
        for (const YAML::Node& e : applyTo) {
          if (!e.IsScalar() || text(e).isEmpty())
            error(e, key, QStringLiteral("expected a column name or glob pattern"));
          else
            step.applyToPatterns << text(e);
        }
      } else {
        error(applyTo, key,
              QStringLiteral("expected base, all, or a non-empty list of column names / patterns"));
      }
    }
    config.steps.push_back(std::move(step));
  }

  void remember(const YAML::Node& node, const QString& path, PipelineConfig& config) {
    config.keyLocations.insert(path, at(node));
    if (node.IsMap())
      for (const auto& kv : node)
        config.keyLocations.insert(path + QLatin1Char('.') + text(kv.first), at(kv.second));
  }

  void parseTarget(const YAML::Node& node, TargetConfig& target) {
    if (!node.IsMap()) return error(node, QStringLiteral("target"), QStringLiteral("expected a mapping"));
    checkKeys(node, kTargetKeys, QStringLiteral("target"));
    if (const YAML::Node n = node["enabled"])
      if (auto v = boolean(n, QStringLiteral("target.enabled"))) target.enabled = *v;
    if (const YAML::Node n = node["seed_compat"])
      if (auto v = boolean(n, QStringLiteral("target.seed_compat"))) target.seedCompat = *v;
    if (const YAML::Node n = node["horizon"]) {
      const QVariant v = n.IsScalar() ? scalarValue(n) : QVariant();
      const std::optional<long long> h = wholeNumber(v);
      if (!h || *h < 1 || *h > 1'000'000)
        error(n, QStringLiteral("target.horizon"),
              QStringLiteral("expected a whole number of bars from 1 to 1000000%1")
                  .arg(n.IsScalar() ? QStringLiteral(", got '%1'").arg(text(n)) : QString()));
      else
        target.horizon = static_cast<int>(*h);
    }
  }

  void parseNormalization(const YAML::Node& node, NormalizationConfig& norm) {
    const QString path = QStringLiteral("normalization");
    if (!node.IsMap()) return error(node, path, QStringLiteral("expected a mapping"));
    checkKeys(node, kNormKeys, path);
    if (const YAML::Node n = node["method"])
      if (auto v = choice(n, path + QStringLiteral(".method"), kMethods))
        norm.method = *v == u"none" ? NormMethod::None : NormMethod::MinMax;
    if (const YAML::Node n = node["fit"])
      if (auto v = choice(n, path + QStringLiteral(".fit"), kFits))
        norm.fit = static_cast<NormFit>(kFits.indexOf(*v));
    if (const YAML::Node n = node["inf_policy"])
      if (auto v = choice(n, path + QStringLiteral(".inf_policy"), kInfPolicies))
        norm.infPolicy = static_cast<InfPolicy>(kInfPolicies.indexOf(*v));
    if (const YAML::Node n = node["train_fraction"]) {
      const QVariant v = n.IsScalar() ? scalarValue(n) : QVariant();
      const bool number = v.typeId() == QMetaType::Double || wholeNumber(v);
      if (!number || !(v.toDouble() > 0.0 && v.toDouble() < 1.0))
        error(n, path + QStringLiteral(".train_fraction"),
              QStringLiteral("expected a number between 0 and 1 (exclusive)%1")
                  .arg(n.IsScalar() ? QStringLiteral(", got '%1'").arg(text(n)) : QString()));
      else
        norm.trainFraction = v.toDouble();
    }
  }

 private:
  QString file_;
  std::vector<Diagnostic>* errors_;
};

void emitValue(YAML::Emitter& out, const QVariant& v) {
  switch (v.typeId()) {
    case QMetaType::UnknownType:
      out << YAML::Null;
      return;
    case QMetaType::Bool:
      out << v.toBool();
      return;
    case QMetaType::Int:
    case QMetaType::LongLong:
      out << v.toLongLong();
      return;
    case QMetaType::Double: {
      const double d = v.toDouble();
      if (std::isnan(d)) { out << ".nan"; return; }
      if (std::isinf(d)) { out << (d > 0 ? ".inf" : "-.inf"); return; }
      char buf[40];
      std::string s(buf, std::to_chars(buf, buf + sizeof buf, d).ptr);
      if (s.find_first_of(".e") == std::string::npos) s += ".0";  // stays a double on reload
      out << s;
      return;
    }
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
      out << YAML::Flow << YAML::BeginSeq;
      for (const QVariant& e : v.toList()) emitValue(out, e);
      out << YAML::EndSeq;
      return;
    case QMetaType::QVariantMap: {
      const QVariantMap map = v.toMap();
      out << YAML::Flow << YAML::BeginMap;
      for (auto it = map.cbegin(); it != map.cend(); ++it) {
        out << YAML::Key << it.key().toStdString() << YAML::Value;
        emitValue(out, it.value());
      }
      out << YAML::EndMap;
      return;
    }
    default: {
      const std::string s = v.toString().toStdString();
      // Quote text that would reload as another type or as null.
      if (isNullWord(s) || plainScalar(s).typeId() != QMetaType::QString) out << YAML::DoubleQuoted << s;
      else out << s;
      return;
    }
  }
}

}  // namespace

std::optional<QVariant> parseParamValueText(const QString& text, QString* error) {
  try {
    return toVariant(loadYaml(text.toStdString()).root);
  } catch (const YAML::Exception& e) {
    *error = yamlProblem(e);
    return std::nullopt;
  }
}

QString stageName(Stage stage) {
  switch (stage) {
    case Stage::Indicators: return QStringLiteral("indicators");
    case Stage::Microstructure: return QStringLiteral("microstructure");
    case Stage::Transformations: return QStringLiteral("transformations");
  }
  return {};
}

namespace {

bool sameParams(const QVariantMap& a, const QVariantMap& b);

// QVariant equality, except that NaN equals NaN (so every config equals itself), recursively.
bool sameParam(const QVariant& a, const QVariant& b) {
  if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double &&
      std::isnan(a.toDouble()) && std::isnan(b.toDouble()))
    return true;
  const bool lists = (a.typeId() == QMetaType::QVariantList || a.typeId() == QMetaType::QStringList) &&
                     (b.typeId() == QMetaType::QVariantList || b.typeId() == QMetaType::QStringList);
  if (lists) {
    const QVariantList x = a.toList(), y = b.toList();
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), sameParam);
  }
  if (a.typeId() == QMetaType::QVariantMap && b.typeId() == QMetaType::QVariantMap) return sameParams(a.toMap(), b.toMap());
  return a == b;
}

bool sameParams(const QVariantMap& a, const QVariantMap& b) {
  if (a.size() != b.size()) return false;
  for (auto it = a.cbegin(), jt = b.cbegin(); it != a.cend(); ++it, ++jt)
    if (it.key() != jt.key() || !sameParam(it.value(), jt.value())) return false;
  return true;
}

}  // namespace

bool StepConfig::operator==(const StepConfig& o) const {
  return stage == o.stage && plugin == o.plugin && enabled == o.enabled && sameParams(params, o.params) &&
         suffix == o.suffix && applyTo == o.applyTo && applyToPatterns == o.applyToPatterns;
}

bool PipelineConfig::operator==(const PipelineConfig& o) const {
  return steps == o.steps && target == o.target && normalization == o.normalization &&
         precision == o.precision;
}

std::optional<PipelineConfig> PipelineConfig::fromYaml(const QString& yamlText, const QString& fileName,
                                                       std::vector<Diagnostic>* errors) {
  std::vector<Diagnostic> found;
  Parser parser(fileName, &found);
  PipelineConfig config;
  config.sourceFile = fileName;
  try {
    const YamlDocument document = loadYaml(yamlText.toStdString());
    const YAML::Node& root = document.root;
    for (std::size_t d = 0; d < document.laterDocuments.size(); ++d)
      found.push_back(
          {parser.at(document.laterDocuments[d]), {},
           QStringLiteral("a pipeline file holds one YAML document; this is document %1").arg(d + 2)});
    if (!root || root.IsNull()) {
      if (found.empty())
        found.push_back({{fileName, 1, 1}, {},
                         QStringLiteral("the pipeline is empty: expected indicators, microstructure, "
                                        "transformations, target, normalization or precision")});
    } else if (!root.IsMap()) {
      parser.error(root, {}, QStringLiteral("expected a mapping with indicators, microstructure, "
                                            "transformations, target, normalization, precision"));
    } else {
      parser.checkKeys(root, kTopKeys, {});
      const Stage stages[] = {Stage::Indicators, Stage::Microstructure, Stage::Transformations};
      for (Stage stage : stages) {
        const YAML::Node list = root[stageName(stage).toStdString()];
        if (!list || list.IsNull()) continue;
        if (!list.IsSequence()) {
          parser.error(list, stageName(stage), QStringLiteral("expected a list of steps"));
          continue;
        }
        int index = 0;
        for (const YAML::Node& step : list) parser.parseStep(step, stage, index++, config);
      }
      if (const YAML::Node t = root["target"]) {
        parser.remember(t, QStringLiteral("target"), config);
        parser.parseTarget(t, config.target);
      }
      if (const YAML::Node n = root["normalization"]) {
        parser.remember(n, QStringLiteral("normalization"), config);
        parser.parseNormalization(n, config.normalization);
      }
      if (const YAML::Node n = root["precision"]) {
        config.keyLocations.insert(QStringLiteral("precision"), parser.at(n));
        if (auto v = parser.choice(n, QStringLiteral("precision"), kPrecisions))
          config.precision = *precisionFromName(*v);
      }
    }
  } catch (const YAML::Exception& e) {
    found.push_back({parser.at(e.mark), {}, yamlProblem(e)});
  }
  if (!found.empty()) {
    if (errors) errors->insert(errors->end(), found.begin(), found.end());
    return std::nullopt;
  }
  return config;
}

std::optional<PipelineConfig> PipelineConfig::fromFile(const QString& path,
                                                       std::vector<Diagnostic>* errors) {
  QString problem;
  const std::optional<QByteArray> bytes = readBounded(path, {}, &problem);
  if (!bytes) {
    if (errors) errors->push_back({{path, 0, 0}, {}, problem});
    return std::nullopt;
  }
  return fromYaml(QString::fromUtf8(*bytes), path, errors);
}

PipelineConfig PipelineConfig::defaults() {
  std::vector<Diagnostic> errors;
  auto config = fromYaml(defaultYaml(), QStringLiteral("default.yaml"), &errors);
  Q_ASSERT_X(config, "PipelineConfig::defaults", "the compiled-in default.yaml must parse");
  return config ? *config : PipelineConfig{};
}

QString PipelineConfig::toYaml() const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  const Stage stages[] = {Stage::Indicators, Stage::Microstructure, Stage::Transformations};
  for (Stage stage : stages) {
    bool open = false;
    for (const StepConfig& step : steps) {
      if (step.stage != stage) continue;
      if (!open) {
        out << YAML::Key << stageName(stage).toStdString() << YAML::Value << YAML::BeginSeq;
        open = true;
      }
      out << YAML::BeginMap << YAML::Key << "plugin" << YAML::Value;
      emitValue(out, step.plugin);
      if (!step.enabled || step.keyLocations.contains(QStringLiteral("enabled")))
        out << YAML::Key << "enabled" << YAML::Value << step.enabled;
      if (!step.suffix.isEmpty())
        out << YAML::Key << "suffix" << YAML::Value << YAML::DoubleQuoted << step.suffix.toStdString();
      if (step.applyTo == ApplyTo::All) {
        out << YAML::Key << "apply_to" << YAML::Value << "all";
      } else if (step.applyTo == ApplyTo::Columns) {
        out << YAML::Key << "apply_to" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& p : step.applyToPatterns) emitValue(out, p);
        out << YAML::EndSeq;
      } else if (step.keyLocations.contains(QStringLiteral("apply_to"))) {
        out << YAML::Key << "apply_to" << YAML::Value << "base";
      }
      if (!step.params.isEmpty()) {
        // In the order the user wrote them (by location); parameters added later follow.
        QStringList names = step.params.keys();
        auto position = [&step](const QString& name) {
          const SourceLocation l = step.keyLocations.value(QStringLiteral("params.") + name);
          return l.line > 0 ? std::pair{l.line, l.column}
                            : std::pair{std::numeric_limits<int>::max(), 0};
        };
        std::stable_sort(names.begin(), names.end(), [&](const QString& a, const QString& b) {
          return position(a) < position(b);
        });
        // One line when it fits ("params: {window: 14, smoothing: sma}"), else one per parameter.
        auto emitParams = [&](YAML::Emitter& e, bool flow) {
          if (flow) e << YAML::Flow;
          e << YAML::BeginMap;
          for (const QString& name : names) {
            e << YAML::Key << name.toStdString() << YAML::Value;
            emitValue(e, step.params.value(name));
          }
          e << YAML::EndMap;
        };
        YAML::Emitter oneLine;
        emitParams(oneLine, true);
        const bool fits = oneLine.size() <= 84 && std::string_view(oneLine.c_str()).find('\n') == std::string_view::npos;
        out << YAML::Key << "params" << YAML::Value;
        emitParams(out, fits);
      }
      out << YAML::EndMap;
    }
    if (open) out << YAML::EndSeq;
  }
  out << YAML::Key << "target" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "enabled" << YAML::Value << target.enabled;
  out << YAML::Key << "horizon" << YAML::Value << target.horizon;
  out << YAML::Key << "seed_compat" << YAML::Value << target.seedCompat << YAML::EndMap;
  out << YAML::Key << "normalization" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "method" << YAML::Value
      << kMethods[normalization.method == NormMethod::None ? 1 : 0].toStdString();
  out << YAML::Key << "fit" << YAML::Value << kFits[static_cast<int>(normalization.fit)].toStdString();
  out << YAML::Key << "train_fraction" << YAML::Value;
  emitValue(out, normalization.trainFraction);
  out << YAML::Key << "inf_policy" << YAML::Value
      << kInfPolicies[static_cast<int>(normalization.infPolicy)].toStdString();
  out << YAML::EndMap;
  // Written when it differs from the default or the user wrote it, so float64 configs keep their
  // text (and their cache keys) from before precision existed; float32 always changes both.
  if (precision != Precision::Float64 || keyLocations.contains(QStringLiteral("precision")))
    out << YAML::Key << "precision" << YAML::Value << precisionName(precision).toStdString();
  out << YAML::EndMap;
  return QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
}

namespace {

// A formula's syntax, functions, arity and types, before the pipeline runs; the columns it reads
// are checked when the pipeline is planned (they depend on the steps before it).
void checkFormulaStep(const StepConfig& step, const QString& path, const PluginRegistry& registry,
                      SourceLocation at, std::vector<Diagnostic>* found) {
  const QString text = step.params.value(QStringLiteral("formula")).toString();
  FormulaError error;
  if (!step.params.contains(QStringLiteral("formula")) || checkFormula(text, &registry, &error)) return;
  found->push_back(formula::formulaDiagnostic(at, path, text, error));
}

}  // namespace

std::vector<Diagnostic> PipelineConfig::validate(const PluginRegistry& registry) const {
  std::vector<Diagnostic> found;
  QHash<Stage, int> counters;
  static const QHash<Stage, QString> kindOf = {{Stage::Indicators, QStringLiteral("indicator")},
                                               {Stage::Microstructure, QStringLiteral("microstructure")},
                                               {Stage::Transformations, QStringLiteral("transform")}};
  QStringList available;
  for (const LoadedPlugin& p : registry.plugins()) available << p.info.id;
  for (const StepConfig& step : steps) {
    const QString path = QStringLiteral("%1[%2]").arg(stageName(step.stage)).arg(counters[step.stage]++);
    auto where = [&](const QString& key) { return step.keyLocations.value(key, step.where); };
    const LoadedPlugin* plugin = registry.find(step.plugin);
    if (!plugin) {
      found.push_back({where(QStringLiteral("plugin")), path + QStringLiteral(".plugin"),
                       QStringLiteral("unknown plugin '%1'%2; available: %3")
                           .arg(step.plugin, suggestion(step.plugin, available),
                                available.isEmpty() ? QStringLiteral("none (no plugin was loaded)")
                                                    : available.join(QStringLiteral(", ")))});
      continue;
    }
    const PluginInfo& info = plugin->info;
    if (info.kind != u"formula" && info.kind != kindOf.value(step.stage))
      found.push_back({where(QStringLiteral("plugin")), path + QStringLiteral(".plugin"),
                       QStringLiteral("'%1' is %2 %3 plugin; it belongs under %4")
                           .arg(info.id, info.kind == u"indicator" ? QStringLiteral("an") : QStringLiteral("a"),
                                info.kind,
                                stageName(kindOf.key(info.kind, Stage::Transformations)))});
    if (step.keyLocations.contains(QStringLiteral("apply_to")) && step.stage == Stage::Transformations &&
        !info.usesApplyTo)
      found.push_back({where(QStringLiteral("apply_to")), path + QStringLiteral(".apply_to"),
                       QStringLiteral("'%1' takes the columns named in its parameters, not apply_to")
                           .arg(info.id)});
    QStringList names;
    for (const ParamSpec& p : info.params) names << p.name;
    for (auto it = step.params.cbegin(); it != step.params.cend(); ++it) {
      const QString key = QStringLiteral("params.") + it.key();
      const ParamSpec* spec = info.param(it.key());
      if (!spec) {
        found.push_back({where(key), path + QLatin1Char('.') + key,
                         QStringLiteral("unknown parameter '%1'%2 for plugin '%3'; parameters: %4")
                             .arg(it.key(), suggestion(it.key(), names), info.id,
                                  names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")))});
        continue;
      }
      QVariant canonical;
      if (const QString problem = spec->check(it.value(), &canonical); !problem.isEmpty())
        found.push_back({where(key), path + QLatin1Char('.') + key, problem});
    }
    if (info.kind == u"formula") checkFormulaStep(step, path, registry, where(QStringLiteral("params.formula")), &found);
  }
  auto located = [this](const QString& key) {
    return keyLocations.value(key, SourceLocation{sourceFile, 0, 0});
  };
  if (target.horizon < 1)
    found.push_back({located(QStringLiteral("target.horizon")), QStringLiteral("target.horizon"),
                     QStringLiteral("%1 is below the minimum 1").arg(target.horizon)});
  if (!(normalization.trainFraction > 0.0 && normalization.trainFraction < 1.0))
    found.push_back({located(QStringLiteral("normalization.train_fraction")),
                     QStringLiteral("normalization.train_fraction"),
                     QStringLiteral("%1 is not between 0 and 1 (exclusive)").arg(normalization.trainFraction)});
  return found;
}

}  // namespace strata
