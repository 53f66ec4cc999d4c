#pragma once
// The no-look-ahead (truncation) check of the plugin contract, run on a whole pipeline as the
// user configured it: `strata-cli check-config FILE` runs it on the user's formulas and every
// other step, over the checker's seeded bars (clean and with NaN/inf) and, if given, real bars.
// Rows 0..t computed from the first t+1 bars must equal the same rows of the full run, bit for
// bit; a step whose columns change when later bars arrive looks ahead.
#include "strata/visibility.h"
#include "strata/bars.h"
#include "strata/plugin_check.h"

#include <cstdint>
#include <vector>

namespace strata {

class Pipeline;

struct STRATA_ENGINE_EXPORT PipelineCheckOptions {
  std::uint64_t seed = 1;    // the generated bars and the cut points
  int cuts = 20;             // random cut points per input
  Eigen::Index rows = 500;   // rows of the generated bars (and at most of the given ones)
};

/// Bars to check on beside the generated ones, with what to call them in the report.
struct STRATA_ENGINE_EXPORT LabelledBars {
  QString label;  // "AAPL 1d, last 500 bars"
  Bars bars;
};

struct STRATA_ENGINE_EXPORT PipelineCheckReport {
  /// One result per step, named "step 2: expression 'close_z20'"; a failure names the input,
  /// the column, the first row that moved, and both values.
  std::vector<CheckResult> steps;
  QString error;  // the pipeline could not compute (an input it refused): nothing was checked
  bool passed() const;
  QString toText() const;
};

/// Runs the truncation check on every step of `pipeline`. Never throws: what the pipeline
/// throws is the report's error.
STRATA_ENGINE_EXPORT PipelineCheckReport checkPipelineTruncation(const Pipeline& pipeline,
                                                                 const PipelineCheckOptions& options = {},
                                                                 const std::vector<LabelledBars>& extra = {});

}  // namespace strata
