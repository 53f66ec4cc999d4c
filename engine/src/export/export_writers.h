#pragma once
// The two writers behind writeFeatureFile() (export.cpp chooses, after exportProblems() found
// nothing to refuse: the writers rely on its checks).
#include "strata/export.h"

namespace strata {

void writeCsv(const FeatureSet& features, const QString& path, const ExportOptions& options);
void writeParquet(const FeatureSet& features, const QString& path, const ExportOptions& options);

}  // namespace strata
