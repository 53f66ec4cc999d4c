#pragma once
// Engine-internal: the normalisation stage and the per-column statistics of the report.
#include "strata/matrix.h"
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"

namespace strata {

/// Counts NaN and +-inf of column j (before normalisation).
ColumnStats columnStats(const QString& name, std::span<const double> column);

/// Normalises one column in place and returns the fitted min/max. `fitRows` rows from the top
/// are used for NormFit::TrainFraction; NormFit::All uses every row.
struct FittedRange {
  double min;
  double max;
};
FittedRange normalizeColumn(std::span<double> column, const NormalizationConfig& config,
                            Eigen::Index fitRows);

/// True when every value of the column is the same (NaN counts as a value).
bool isConstant(std::span<const double> column);

}  // namespace strata
