#include "adosc.h"

#include "ad.h"

#include <algorithm>
#include <limits>

namespace strata::indicators {
namespace {

// An EMA stepped two rows at a time: e2 = e0 * decay^2 + (alpha * decay * x1 + alpha * x2), so
// its chain is one multiply and one add per two rows; e1 (the middle row) is off the chain.
// Equal to the row-by-row recursion but for rounding.
class PairedEma {
 public:
  PairedEma(double alpha, double seed)
      : alpha_(alpha),
        decay_(1.0 - alpha),
        decay2_(decay_ * decay_),
        alphaDecay_(alpha * decay_),
        average_(seed) {}
  // The averages after x1 and after x2.
  std::pair<double, double> operator()(double x1, double x2) {
    const double first = average_ * decay_ + alpha_ * x1;
    average_ = average_ * decay2_ + (alphaDecay_ * x1 + alpha_ * x2);
    return {first, average_};
  }
  double operator()(double x) { return average_ = average_ * decay_ + alpha_ * x; }

 private:
  double alpha_, decay_, decay2_, alphaDecay_, average_;
};

}  // namespace

void adosc(In high, In low, In close, In volume, int fast, int slow, Out out) {
  const std::size_t n = close.size();
  if (n == 0) return;
  const auto lookback = static_cast<std::size_t>(std::max({fast, slow, 1}) - 1);
  // The A/D line and both EMAs fused in one pass (ad.h's step, ad.cpp's pairing).
  const AdStep seed = adStep(high[0], low[0], close[0], volume[0]);
  double line = seed.add;
  PairedEma fastEma(2.0 / (fast + 1.0), line), slowEma(2.0 / (slow + 1.0), line);
  out[0] = seed.missing;  // 0 - 0 when present: both averages are the seed
  std::size_t i = 1;
  for (; i + 1 < n; i += 2) {
    const AdStep first = adStep(high[i], low[i], close[i], volume[i]);
    const AdStep second = adStep(high[i + 1], low[i + 1], close[i + 1], volume[i + 1]);
    const double line1 = line + first.add;
    line += first.add + second.add;
    const auto [fast1, fast2] = fastEma(line1, line);
    const auto [slow1, slow2] = slowEma(line1, line);
    out[i] = fast1 - slow1 + first.missing;
    out[i + 1] = fast2 - slow2 + second.missing;
  }
  if (i < n) {
    const AdStep last = adStep(high[i], low[i], close[i], volume[i]);
    line += last.add;
    out[i] = fastEma(line) - slowEma(line) + last.missing;
  }
  std::fill_n(out.begin(), std::min(n, lookback), std::numeric_limits<double>::quiet_NaN());
}

}  // namespace strata::indicators
