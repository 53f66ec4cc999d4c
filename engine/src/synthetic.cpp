#include "strata/synthetic.h"

#include <cmath>
#include <numbers>
#include <random>

namespace strata {
namespace {

// Uniform in (0, 1) from 53 random bits: portable, unlike std::uniform_real_distribution.
double uniform(std::mt19937_64& rng) {
  return (static_cast<double>(rng() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

// Box-Muller, one value per call (the second is discarded for simplicity of replay).
double gaussian(std::mt19937_64& rng) {
  const double u1 = uniform(rng), u2 = uniform(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace

Bars synthesizeBars(const SyntheticSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  Bars bars;
  bars.resize(spec.rows);
  const Timestamp step = spec.timeframe.durationMicros();
  double price = spec.startPrice;
  double variance = 1e-6;  // per-bar return variance, GARCH(1,1)-like clustering
  Timestamp t = spec.start;
  for (Eigen::Index i = 0; i < spec.rows; ++i) {
    if (uniform(rng) < 0.001) t += step * (1 + static_cast<Timestamp>(uniform(rng) * 30));  // gap
    const double shock = gaussian(rng);
    const double ret = std::sqrt(variance) * shock;
    variance = 2e-8 + 0.05 * ret * ret + 0.93 * variance;
    const double open = price;
    const double close = open * std::exp(ret);
    const double wiggle = std::abs(gaussian(rng)) * std::sqrt(variance) * 0.5;
    const double high = std::max(open, close) * (1.0 + wiggle);
    const double low = std::min(open, close) * (1.0 - wiggle * uniform(rng));
    const double minuteOfDay = static_cast<double>((t / 60'000'000) % 1440);
    const double smile = 1.0 + 0.8 * std::cos(2.0 * std::numbers::pi * minuteOfDay / 1440.0);
    const double volume =
        uniform(rng) < 0.002 ? 0.0 : std::floor(1000.0 * smile * (0.5 + uniform(rng)) *
                                                (1.0 + 400.0 * std::abs(ret)));
    bars.timestamps[static_cast<std::size_t>(i)] = t;
    bars.open[i] = open;
    bars.high[i] = high;
    bars.low[i] = low;
    bars.close[i] = close;
    bars.volume[i] = volume;
    price = close;
    t += step;
  }
  return bars;
}

}  // namespace strata
