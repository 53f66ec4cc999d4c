#pragma once
// The z-score of close against its trailing window: (close - mean) / standard deviation. The
// kernel the plugin runs, on caller-owned columns of equal length.
#include <strata/sdk/kernels.h>

namespace zscore_example {

/// (in[i] - mean) / std (ddof 1) over the last `window` rows; NaN where the window is not full,
/// holds a missing value, or has no spread. Lookback window - 1.
void zscore(strata::kernels::In in, int window, strata::kernels::Out out);

}  // namespace zscore_example
