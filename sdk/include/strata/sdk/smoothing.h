#pragma once
// The smoothing choice indicators such as RSI and ATR offer (the "smoothing" parameter;
// plugin_support::smoothingOf reads it):
// a rolling mean, Wilder's smoothing as TA-Lib and TradingView seed it, or an EMA with
// span = window; and a factory of the recursive ones for fused loops.
#include "strata/sdk/recursive_smoothers.h"

#include <algorithm>
#include <cstddef>

namespace strata::kernels {

enum class Smoothing { Sma, Wilder, Ema };

/// Runs body(make) with a factory of the recursive smoother `smoothing` names (Wilder, or else
/// EMA), so that a fused loop can step several averages of the same kind.
template <typename Body>
void withRecursiveSmoother(Smoothing smoothing, int window, Body body) {
  if (smoothing == Smoothing::Wilder)
    body([window] { return detail::WilderStep(static_cast<std::size_t>(std::max(window, 1))); });
  else
    body([window] { return detail::EwmStep(2.0 / (window + 1.0), window); });
}

}  // namespace strata::kernels
