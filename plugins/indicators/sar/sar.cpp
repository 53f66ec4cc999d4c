#include "sar.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Bar {
  double high, low;
};

// The state between bars: trend, stop, extreme point, acceleration factor. A short trend runs
// the long trend's code on mirrored bars (high -> -low, low -> -high), with its stop and extreme
// point kept mirrored: IEEE negation is exact and symmetric, so the values are those of the
// short trend's own formulas, bit for bit.
class Parabolic {
 public:
  Parabolic(double acceleration, double maximum)
      : step_(std::min(acceleration, maximum)), maximum_(maximum) {}

  // Starts from the first two complete bars; TA-Lib's trend test is MINUS_DM over one bar.
  void start(Bar first, Bar second) {
    const double up = second.high - first.high, down = first.low - second.low;
    long_ = !(down > 0 && down > up);
    stop_ = inFrame(first).low;       // bar 0's low (long) or high (short)
    extreme_ = inFrame(second).high;  // bar 1's high (long) or low (short)
    factor_ = step_;
  }

  // The stop for `today`, then the stop for the next bar; `yesterday` bounds it with today.
  double next(Bar yesterday, Bar today) {
    Bar y = inFrame(yesterday), t = inFrame(today);
    double stop = stop_;
    const bool wasLong = long_;
    if (t.low <= stop_) {  // the bar crosses the stop: the trend reverses at its extreme point
      stop = std::max({extreme_, y.high, t.high});
      long_ = !long_;
      y = mirrored(y);
      t = mirrored(t);
      stop_ = -stop;
      extreme_ = t.high;
      factor_ = step_;
    } else if (t.high > extreme_) {
      extreme_ = t.high;
      factor_ = std::min(factor_ + step_, maximum_);
    }
    stop_ = std::min({stop_ + factor_ * (extreme_ - stop_), y.low, t.low});
    return wasLong ? stop : -stop;
  }

 private:
  static Bar mirrored(Bar bar) { return {-bar.low, -bar.high}; }
  Bar inFrame(Bar bar) const { return long_ ? bar : mirrored(bar); }

  double step_, maximum_;
  bool long_ = true;
  double stop_ = kNaN, extreme_ = kNaN, factor_ = 0.0;  // in the trend's frame
};

}  // namespace

void sar(In high, In low, double acceleration, double maximum, Out out) {
  Parabolic parabolic(acceleration, maximum);
  bool havePrevious = false, started = false;
  Bar previous{};
  for (std::size_t i = 0; i < high.size(); ++i) {
    const Bar today{high[i], low[i]};
    if (!std::isfinite(today.high) || !std::isfinite(today.low)) {
      out[i] = kNaN;
      continue;
    }
    if (!havePrevious) {
      out[i] = kNaN;
      previous = today;
      havePrevious = true;
      continue;
    }
    if (!started) {
      parabolic.start(previous, today);
      // TA-Lib bounds the first stop by the second bar alone: its "yesterday" there is the bar
      // itself.
      previous = today;
      started = true;
    }
    out[i] = parabolic.next(previous, today);
    previous = today;
  }
}

}  // namespace strata::indicators
