#pragma once
// The recursive averages (pandas' ewm with adjust=False, Wilder's smoothing, TA-Lib's EMA) as
// one-row steps, so that the kernels and the fused indicator loops (MACD's three EMAs, RSI's two
// averages, DEMA's and TEMA's chains) run exactly the same arithmetic. Each step is a short
// dependency chain; fusing several independent chains in one loop lets the processor overlap
// them.
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

// The seed TA-Lib's recursive averages start from: the mean of the first `window` values. A
// missing value (NaN, +-inf) before the seed is complete restarts it.
class SmaSeed {
 public:
  explicit SmaSeed(std::size_t window) : window_(window == 0 ? 1 : window) {}
  std::size_t window() const { return window_; }

  // Takes the next value (already NaN when missing); the seed once `window` values in a row
  // were seen, else NaN.
  double operator()(double x) {
    if (std::isnan(x)) {
      sum_ = 0.0;
      count_ = 0;
      return kMissing;
    }
    sum_ += x;
    return ++count_ == window_ ? sum_ / static_cast<double>(window_) : kMissing;
  }

 private:
  std::size_t window_;
  double sum_ = 0.0;
  std::size_t count_ = 0;
};

// Wilder's smoothing seeded as TA-Lib and TradingView do: the mean of the first `window`
// values, then avg += (x - avg) / window. A missing value (NaN, +-inf) before the seed restarts
// it; after it, that row is NaN and the average carries on unchanged. (x - avg) * (1 / window)
// instead of the division: a shorter chain, within an ulp per row, and still exact on a
// constant series.
class WilderStep {
 public:
  explicit WilderStep(std::size_t window)
      : seed_(window), perRow_(1.0 / static_cast<double>(seed_.window())) {}

  double operator()(double raw) {
    const double x = std::isfinite(raw) ? raw : kMissing;
    if (std::isnan(average_)) return average_ = seed_(x);
    if (std::isnan(x)) return kMissing;
    average_ += (x - average_) * perRow_;
    return average_;
  }

 private:
  SmaSeed seed_;
  double perRow_;
  double average_ = kMissing;
};

// TA-Lib's EMA: alpha = 2 / (window + 1), seeded with the mean of the first `window` values
// (first value at row window - 1), missing values as WilderStep. avg * (1 - alpha) + alpha * x:
// alpha * x is off the dependency chain, which is then one multiply and one add per row.
class SmaSeededEmaStep {
 public:
  explicit SmaSeededEmaStep(std::size_t window)
      : seed_(window),
        alpha_(2.0 / (static_cast<double>(seed_.window()) + 1.0)),
        decay_(1.0 - alpha_) {}

  double operator()(double raw) {
    const double x = std::isfinite(raw) ? raw : kMissing;
    if (std::isnan(average_)) return average_ = seed_(x);
    if (std::isnan(x)) return kMissing;
    average_ = average_ * decay_ + alpha_ * x;
    return average_;
  }

  // For fused loops that take over once every step is seeded and the rest of the input has no
  // missing value: the same arithmetic without the checks.
  double average() const { return average_; }
  double alpha() const { return alpha_; }
  double decay() const { return decay_; }

 private:
  SmaSeed seed_;
  double alpha_, decay_;
  double average_ = kMissing;
};

}  // namespace strata::kernels::detail
