#pragma once
// The recursive averages (pandas' ewm with adjust=False, Wilder's smoothing) as one-row steps,
// so that the kernels and the fused indicator loops (MACD's three EMAs, RSI's two averages) run
// exactly the same arithmetic. Each step is a short dependency chain; fusing several
// independent chains in one loop lets the processor overlap them.
#include <cmath>
#include <cstddef>
#include <limits>

namespace strata::kernels::detail {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// pandas' ewm(alpha, adjust=False, min_periods): the old weight decays once per row (missing
// rows too) and is reset to 1 after each observation; a value equal to the average leaves it
// untouched (pandas' guard against rounding drift on constant series).
class EwmStep {
 public:
  EwmStep(double alpha, long minPeriods)
      : alpha_(alpha), decay_(1.0 - alpha), minObservations_(minPeriods < 1 ? 1 : minPeriods) {}

  double operator()(double x) {
    const bool observed = std::isfinite(x);  // pandas treats +-inf as missing here too
    observations_ += observed;
    if (std::isnan(weighted_)) {
      if (observed) weighted_ = x;
    } else {
      oldWeight_ *= decay_;
      if (observed) {
        if (weighted_ != x) {
          const double numerator = oldWeight_ * weighted_ + alpha_ * x;
          const double denominator = oldWeight_ + alpha_;
          // After an observed row the denominator is decay + alpha, usually exactly 1: dividing
          // by it changes nothing, so the division (the chain's slowest step) is skipped.
          if (__builtin_expect(denominator == 1.0, 1))
            weighted_ = numerator;
          else
            weighted_ = numerator / denominator;
        }
        oldWeight_ = 1.0;
      }
    }
    return observations_ >= minObservations_ ? weighted_ : kMissing;
  }

 private:
  double alpha_, decay_;
  long minObservations_;
  double weighted_ = kMissing, oldWeight_ = 1.0;
  long observations_ = 0;
};

// Wilder's smoothing seeded as TA-Lib and TradingView do: the mean of the first `window`
// values, then avg += (x - avg) / window. A missing value (NaN, +-inf) before the seed restarts
// it; after it, that row is NaN and the average carries on unchanged. (x - avg) * (1 / window)
// instead of the division: a shorter chain, within an ulp per row, and still exact on a
// constant series.
class WilderStep {
 public:
  explicit WilderStep(std::size_t window)
      : window_(window == 0 ? 1 : window), perRow_(1.0 / static_cast<double>(window_)) {}

  double operator()(double raw) {
    const double x = std::isfinite(raw) ? raw : kMissing;
    if (std::isnan(average_)) {
      if (std::isnan(x)) {
        seedSum_ = 0.0;
        seedCount_ = 0;
      } else {
        seedSum_ += x;
        if (++seedCount_ == window_) average_ = seedSum_ / static_cast<double>(window_);
      }
      return average_;
    }
    if (std::isnan(x)) return kMissing;
    average_ += (x - average_) * perRow_;
    return average_;
  }

 private:
  std::size_t window_;
  double perRow_;
  double average_ = kMissing, seedSum_ = 0.0;
  std::size_t seedCount_ = 0;
};

}  // namespace strata::kernels::detail
