#include "export_columns.h"

#include <QRegularExpression>

#include <cmath>
#include <type_traits>

namespace strata {
namespace {

// The crossover plugin's outputs ("{first}_{second}_crossover") are -1/0/1 when raw: INT8. Once
// normalised they are 0/0.5/1 and stay DOUBLE. The schema follows from the pipeline (raw or
// not), not from one file's values; the value check only guards against a lossy cast.
bool isCrossover(const QString& name) { return name.contains(QLatin1String("cross")); }

}  // namespace

ColumnSelection selectColumns(const QStringList& names, const QStringList& patterns) {
  std::vector<QRegularExpression> expressions;
  for (const QString& p : patterns)
    expressions.emplace_back(QRegularExpression::wildcardToRegularExpression(p));  // whole names
  std::vector<bool> used(expressions.size(), false);
  ColumnSelection selection;
  for (qsizetype c = 0; c < names.size(); ++c) {
    bool selected = expressions.empty();
    for (std::size_t k = 0; k < expressions.size(); ++k)
      if (expressions[k].match(names[c]).hasMatch()) selected = used[k] = true;
    if (selected) selection.selected.push_back(c);
  }
  for (std::size_t k = 0; k < used.size(); ++k)
    if (!used[k]) selection.unmatched << patterns[static_cast<qsizetype>(k)];
  return selection;
}

QString unmatchedPatternMessage(const QString& pattern) {
  return QStringLiteral("--columns pattern '%1' matches no feature column").arg(pattern);
}

ExportPlan planExport(const FeatureSet& features, const ExportOptions& options) {
  const qint64 rows = features.matrix.rows();
  if (static_cast<qint64>(features.timestamps.size()) != rows ||
      features.columns.size() != features.matrix.cols())
    throw ExportError("feature set is inconsistent: timestamps, column names and matrix disagree");
  ExportPlan plan;
  plan.rows = rows;
  plan.timestamps = features.timestamps;
  plan.columns.push_back({QStringLiteral("timestamp"), ColumnKind::Time, false, {}, {}, -1});

  const ColumnSelection selection = selectColumns(features.columns, options.columns);
  if (!selection.unmatched.isEmpty())
    throw ExportError(unmatchedPatternMessage(selection.unmatched.front()).toStdString());
  const bool normalized = !features.normalization.min.empty();
  for (const qsizetype c : selection.selected) {
    const QString& name = features.columns[c];
    // A float32 matrix is written as FLOAT whatever the options say: widening it would only
    // double the file.
    const bool single = options.float32 || features.matrix.precision() == Precision::Float32;
    ExportColumn column{name, single ? ColumnKind::Float : ColumnKind::Double, false, {}, {}, c};
    features.matrix.visitColumn(c, [&column](auto values) {
      if constexpr (std::is_same_v<decltype(values), std::span<const float>>)
        column.floats = values;
      else
        column.values = values;
    });
    if (!normalized && isCrossover(name) &&
        column.visit([](auto values) { return holdsSmallIntegers(values); })) {
      column.kind = ColumnKind::Int8;
      column.nullable = true;
    }
    plan.columns.push_back(column);
  }

  if (options.includeTarget && features.target.size() == rows) {
    const std::span<const double> target(features.target.data(), static_cast<std::size_t>(rows));
    const bool small = holdsSmallIntegers(target);
    plan.columns.push_back({QStringLiteral("target"), small ? ColumnKind::Int8 : ColumnKind::Double,
                            small, target, {}, -1});
  }
  return plan;
}

}  // namespace strata
