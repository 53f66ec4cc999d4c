#pragma once
// Shared by the test suites: loading the real plugins, reading numeric CSV, comparing values.
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace strata::test {

/// The real plugins from the build tree; fails the calling test (QVERIFY) when none load.
void loadRealPlugins(PluginRegistry& registry);

/// The pipeline of a YAML file built against `registry`; nullopt with the first problem in
/// `error` when it does not parse or build.
std::optional<Pipeline> pipelineFromFile(const QString& path, const PluginRegistry& registry,
                                         QString* error);

struct NumericCsv {
  QStringList header;
  std::vector<std::vector<double>> columns;  // columns[c][r]
  QString error;
};
/// Reads a CSV of numbers ("nan", "inf", "-inf" allowed) written by pandas.
NumericCsv readNumericCsv(const QString& path);

/// NaN matches NaN, infinities match exactly, finite values within rel * scale or abs, where
/// scale = max(|a|, |b|, typical).
bool close(double a, double b, double rel, double abs, double typical = 0.0);

}  // namespace strata::test
