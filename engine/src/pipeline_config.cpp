#include "strata/pipeline_config.h"

#include "strata/plugin_registry.h"

#include <QFile>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace strata {
namespace {

const QStringList kTopKeys = {QStringLiteral("indicators"), QStringLiteral("microstructure"),
                              QStringLiteral("transformations"), QStringLiteral("target"),
                              QStringLiteral("normalization")};
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
const QStringList kInfPolicies = {QStringLiteral("spec"), QStringLiteral("keep"),
                                  QStringLiteral("nan"), QStringLiteral("clip")};

int editDistance(const QString& a, const QString& b) {
  std::vector<int> row(static_cast<std::size_t>(b.size() + 1));
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = static_cast<int>(j);
  for (qsizetype i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (qsizetype j = 1; j <= b.size(); ++j) {
      const int up = row[static_cast<std::size_t>(j)];
      row[static_cast<std::size_t>(j)] =
          std::min({up + 1, row[static_cast<std::size_t>(j - 1)] + 1,
                    diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row.back();
}

QString suggestion(const QString& word, const QStringList& known) {
  QString best;
  int bestDistance = 3;  // suggest only close misspellings
  for (const QString& k : known) {
    const int d = editDistance(word, k);
    if (d < bestDistance) bestDistance = d, best = k;
  }
  return best.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(best);
}

QString text(const YAML::Node& node) { return QString::fromStdString(node.Scalar()); }

// A YAML scalar as the most specific QVariant: quoted scalars are always text.
QVariant scalarValue(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return QString::fromStdString(s);
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  long long integer = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), integer);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size()) return QVariant(integer);
  double real = 0;
  const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
  auto d = std::from_chars(begin, s.data() + s.size(), real);
  if (d.ec == std::errc() && d.ptr == s.data() + s.size()) return real;
  if (s == ".inf" || s == "+.inf") return std::numeric_limits<double>::infinity();
  if (s == "-.inf") return -std::numeric_limits<double>::infinity();
  if (s == ".nan") return std::numeric_limits<double>::quiet_NaN();
  return QString::fromStdString(s);
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

  SourceLocation at(const YAML::Node& node) const {
    const YAML::Mark m = node.Mark();
    if (m.is_null()) return {file_, 0, 0};
    return {file_, m.line + 1, m.column + 1};
  }
  void error(const YAML::Node& node, const QString& key, const QString& message) {
    errors_->push_back({at(node), key, message});
  }
  bool failed() const { return !errors_->empty(); }

  // Reports keys of `map` that are not in `known`.
  void checkKeys(const YAML::Node& map, const QStringList& known, const QString& path) {
    for (const auto& kv : map) {
      const QString key = text(kv.first);
      if (!known.contains(key))
        error(kv.first, path.isEmpty() ? key : path + QLatin1Char('.') + key,
              QStringLiteral("unknown key '%1'%2; expected one of: %3")
                  .arg(key, suggestion(key, known), known.join(QStringLiteral(", "))));
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
            QStringLiteral("expected one of %1%2")
                .arg(choices.join(QLatin1Char('|')),
                     node.IsScalar() ? QStringLiteral(", got '%1'").arg(text(node)) : QString()));
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
        for (const auto& kv : params) {
          const QString name = text(kv.first);
          step.params.insert(name, toVariant(kv.second));
          step.keyLocations.insert(QStringLiteral("params.") + name, at(kv.second));
        }
      }
    }
    if (const YAML::Node applyTo = node["apply_to"]) {
      const QString key = path + QStringLiteral(".apply_to");
      if (stage != Stage::Transformations) {
        error(applyTo, key, QStringLiteral("only transformations take apply_to"));
      } else if (applyTo.IsScalar()) {
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

  void parseTarget(const YAML::Node& node, TargetConfig& target) {
    if (!node.IsMap()) return error(node, QStringLiteral("target"), QStringLiteral("expected a mapping"));
    checkKeys(node, kTargetKeys, QStringLiteral("target"));
    if (const YAML::Node n = node["enabled"])
      if (auto v = boolean(n, QStringLiteral("target.enabled"))) target.enabled = *v;
    if (const YAML::Node n = node["seed_compat"])
      if (auto v = boolean(n, QStringLiteral("target.seed_compat"))) target.seedCompat = *v;
    if (const YAML::Node n = node["horizon"]) {
      const QVariant v = n.IsScalar() ? scalarValue(n) : QVariant();
      if (v.typeId() != QMetaType::LongLong || v.toLongLong() < 1 || v.toLongLong() > 1'000'000)
        error(n, QStringLiteral("target.horizon"), QStringLiteral("expected a whole number of bars >= 1"));
      else
        target.horizon = static_cast<int>(v.toLongLong());
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
      const bool number = v.typeId() == QMetaType::Double || v.typeId() == QMetaType::LongLong;
      if (!number || !(v.toDouble() > 0.0 && v.toDouble() < 1.0))
        error(n, path + QStringLiteral(".train_fraction"),
              QStringLiteral("expected a number between 0 and 1 (exclusive)"));
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
    default: {
      const std::string s = v.toString().toStdString();
      // Quote text that would reload as another type.
      const QVariant reparsed = scalarValue(YAML::Node(s));
      if (reparsed.typeId() != QMetaType::QString) out << YAML::DoubleQuoted << s;
      else out << s;
      return;
    }
  }
}

}  // namespace

QString stageName(Stage stage) {
  switch (stage) {
    case Stage::Indicators: return QStringLiteral("indicators");
    case Stage::Microstructure: return QStringLiteral("microstructure");
    case Stage::Transformations: return QStringLiteral("transformations");
  }
  return {};
}

bool StepConfig::operator==(const StepConfig& o) const {
  return stage == o.stage && plugin == o.plugin && enabled == o.enabled && params == o.params &&
         suffix == o.suffix && applyTo == o.applyTo && applyToPatterns == o.applyToPatterns;
}

bool PipelineConfig::operator==(const PipelineConfig& o) const {
  return steps == o.steps && target == o.target && normalization == o.normalization;
}

std::optional<PipelineConfig> PipelineConfig::fromYaml(const QString& yamlText, const QString& fileName,
                                                       std::vector<Diagnostic>* errors) {
  std::vector<Diagnostic> found;
  Parser parser(fileName, &found);
  PipelineConfig config;
  config.sourceFile = fileName;
  try {
    const YAML::Node root = YAML::Load(yamlText.toStdString());
    if (!root || root.IsNull()) {
      found.push_back({{fileName, 1, 1}, {}, QStringLiteral("the pipeline is empty; it needs at least one step")});
    } else if (!root.IsMap()) {
      parser.error(root, {}, QStringLiteral("expected a mapping with indicators, microstructure, "
                                            "transformations, target, normalization"));
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
      if (const YAML::Node t = root["target"]) parser.parseTarget(t, config.target);
      if (const YAML::Node n = root["normalization"]) parser.parseNormalization(n, config.normalization);
    }
  } catch (const YAML::Exception& e) {
    found.push_back({{fileName, e.mark.is_null() ? 0 : e.mark.line + 1,
                      e.mark.is_null() ? 0 : e.mark.column + 1},
                     {},
                     QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.msg))});
  }
  if (!found.empty()) {
    if (errors) errors->insert(errors->end(), found.begin(), found.end());
    return std::nullopt;
  }
  return config;
}

std::optional<PipelineConfig> PipelineConfig::fromFile(const QString& path,
                                                       std::vector<Diagnostic>* errors) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (errors)
      errors->push_back({{path, 0, 0}, {}, QStringLiteral("cannot read: %1").arg(file.errorString())});
    return std::nullopt;
  }
  return fromYaml(QString::fromUtf8(file.readAll()), path, errors);
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
      out << YAML::BeginMap << YAML::Key << "plugin" << YAML::Value << step.plugin.toStdString();
      if (!step.enabled) out << YAML::Key << "enabled" << YAML::Value << false;
      if (!step.suffix.isEmpty())
        out << YAML::Key << "suffix" << YAML::Value << YAML::DoubleQuoted << step.suffix.toStdString();
      if (step.applyTo == ApplyTo::All) out << YAML::Key << "apply_to" << YAML::Value << "all";
      if (step.applyTo == ApplyTo::Columns) {
        out << YAML::Key << "apply_to" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& p : step.applyToPatterns) out << p.toStdString();
        out << YAML::EndSeq;
      }
      if (!step.params.isEmpty()) {
        out << YAML::Key << "params" << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (auto it = step.params.cbegin(); it != step.params.cend(); ++it) {
          out << YAML::Key << it.key().toStdString() << YAML::Value;
          emitValue(out, it.value());
        }
        out << YAML::EndMap;
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
  out << YAML::EndMap << YAML::EndMap;
  return QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
}

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
    if (info.kind != kindOf.value(step.stage))
      found.push_back({where(QStringLiteral("plugin")), path + QStringLiteral(".plugin"),
                       QStringLiteral("'%1' is a %2 plugin; it belongs under %3")
                           .arg(info.id, info.kind,
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
  }
  return found;
}

}  // namespace strata
