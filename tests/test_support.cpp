#include "test_support.h"

#include <QFile>
#include <QTest>

#include <charconv>
#include <cmath>

namespace strata::test {

void loadRealPlugins(PluginRegistry& registry) {
  registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
  for (const RefusedPlugin& r : registry.refused()) qWarning() << "refused" << r.path << r.reason;
  QVERIFY2(!registry.plugins().empty(), "no plugin loaded from " STRATA_PLUGIN_DIR);
}

std::optional<Pipeline> pipelineFromFile(const QString& path, const PluginRegistry& registry,
                                         QString* error) {
  std::vector<Diagnostic> errors;
  std::optional<Pipeline> pipeline;
  if (const auto config = PipelineConfig::fromFile(path, &errors))
    pipeline = Pipeline::build(*config, registry, &errors);
  if (!pipeline) *error = errors.empty() ? QStringLiteral("no pipeline") : errors.front().toString();
  return pipeline;
}

NumericCsv readNumericCsv(const QString& path) {
  NumericCsv csv;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    csv.error = path + QStringLiteral(": ") + file.errorString();
    return csv;
  }
  const QByteArray bytes = file.readAll();
  const QList<QByteArray> lines = bytes.split('\n');
  if (lines.isEmpty()) return csv;
  for (const QByteArray& name : lines[0].trimmed().split(','))
    csv.header << QString::fromUtf8(name);
  csv.columns.resize(static_cast<std::size_t>(csv.header.size()));
  for (qsizetype l = 1; l < lines.size(); ++l) {
    const QByteArray line = lines[l].trimmed();
    if (line.isEmpty()) continue;
    const QList<QByteArray> fields = line.split(',');
    if (fields.size() != csv.header.size()) {
      csv.error = QStringLiteral("%1:%2: %3 fields, header has %4")
                      .arg(path).arg(l + 1).arg(fields.size()).arg(csv.header.size());
      return csv;
    }
    for (qsizetype c = 0; c < fields.size(); ++c) {
      double v = std::numeric_limits<double>::quiet_NaN();
      const QByteArray& f = fields[c];
      if (!f.isEmpty()) {
        const auto r = std::from_chars(f.constData(), f.constData() + f.size(), v);
        if (r.ec != std::errc()) {
          csv.error = QStringLiteral("%1:%2: bad number '%3'").arg(path).arg(l + 1).arg(QString::fromUtf8(f));
          return csv;
        }
      }
      csv.columns[static_cast<std::size_t>(c)].push_back(v);
    }
  }
  return csv;
}

bool close(double a, double b, double rel, double abs, double typical) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  const double diff = std::abs(a - b);
  if (diff <= abs) return true;
  return diff <= rel * std::max({std::abs(a), std::abs(b), typical});
}

}  // namespace strata::test
