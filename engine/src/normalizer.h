#pragma once
// Engine-internal: the last touch of every feature column. One pass counts NaN and +-inf and
// fits the range; a second scales in place, or into a float32 column (when normalising), and
// notes whether the column came out constant. Column-local, so the worker that wrote a column finishes it while warm.
#include "strata/matrix.h"
#include "strata/pipeline.h"
#include "strata/pipeline_config.h"

#include <span>

namespace strata {

struct FinishedColumn {
  ColumnStats stats;  // counts before normalisation; `constant` after it
  double min = 0.0;   // the fitted range (normalising only)
  double max = 0.0;
};

/// `fitRows` rows from the top are fitted for NormFit::TrainFraction; NormFit::All fits every
/// row, NormFit::Expanding scales each row by the rows up to it. In place, or with `into` (as
/// long as `column`) the finished values go there instead, each computed in double exactly as
/// in place (for float, then rounded once); `column` is left as it was.
FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows);
FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows,
                            std::span<double> into);
FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows,
                            std::span<float> into);

}  // namespace strata
