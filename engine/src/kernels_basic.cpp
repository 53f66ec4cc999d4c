// Element-wise and recursive kernels: lag, diff, pct_change, ewm, Wilder smoothing, crossover.
#include "strata/kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::kernels {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rows [0, p) of a shifted output have no source row; p may exceed n.
std::size_t leading(std::size_t n, int p) { return std::min(n, static_cast<std::size_t>(std::max(p, 0))); }
}  // namespace

void lag(In in, int p, Out out) {
  const std::size_t n = in.size(), k = leading(n, p);
  std::fill_n(out.begin(), k, kNaN);
  for (std::size_t i = k; i < n; ++i) out[i] = in[i - k];
}

void diff(In in, int p, Out out) {
  const std::size_t n = in.size(), k = leading(n, p);
  std::fill_n(out.begin(), k, kNaN);
  for (std::size_t i = k; i < n; ++i) out[i] = in[i] - in[i - k];
}

void pctChange(In in, int p, Out out) {
  // pandas forward-fills first; tracking the last non-NaN value at i and at i - p does that
  // without a filled copy.
  const std::size_t n = in.size(), k = leading(n, p);
  double filledNow = kNaN, filledBack = kNaN;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isnan(in[i])) filledNow = in[i];
    if (i < k) {
      out[i] = kNaN;
      continue;
    }
    if (!std::isnan(in[i - k])) filledBack = in[i - k];
    out[i] = filledNow / filledBack - 1.0;
  }
}

void ewmMean(In in, double alpha, int minPeriods, Out out) {
  // pandas' ewm(adjust=False): the old weight decays once per row (missing rows too) and is
  // reset to 1 after each observation; a value equal to the average leaves it untouched
  // (pandas' guard against rounding drift on constant series).
  const double decay = 1.0 - alpha;
  const long minObs = std::max(minPeriods, 1);
  double weighted = kNaN, oldWeight = 1.0;
  long observations = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double x = in[i];
    const bool observed = std::isfinite(x);  // pandas treats +-inf as missing here too
    observations += observed;
    if (std::isnan(weighted)) {
      if (observed) weighted = x;
    } else {
      oldWeight *= decay;
      if (observed) {
        if (weighted != x) weighted = (oldWeight * weighted + alpha * x) / (oldWeight + alpha);
        oldWeight = 1.0;
      }
    }
    out[i] = observations >= minObs ? weighted : kNaN;
  }
}

void wilderMean(In in, int window, Out out) {
  // Seeded with the mean of the first `window` values; a missing (NaN or infinite) value before
  // the seed restarts the seed, one after it gives NaN at that row and leaves the average as it
  // was (the next value continues from it), so one missing bar does not erase the series.
  const std::size_t n = in.size();
  const auto w = static_cast<std::size_t>(std::max(window, 1));
  double average = kNaN, seedSum = 0.0;
  std::size_t seedCount = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = std::isfinite(in[i]) ? in[i] : kNaN;
    if (std::isnan(average)) {
      if (std::isnan(x)) {
        seedSum = 0.0;
        seedCount = 0;
      } else {
        seedSum += x;
        if (++seedCount == w) average = seedSum / static_cast<double>(w);
      }
      out[i] = average;
      continue;
    }
    if (std::isnan(x)) {
      out[i] = kNaN;
      continue;
    }
    average += (x - average) / static_cast<double>(w);
    out[i] = average;
  }
}

void crossover(In a, In b, Out out) {
  const std::size_t n = a.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i == 0) {
      out[0] = 0.0;  // no previous row: NaN comparisons are false, as in the spec
      continue;
    }
    const double now = a[i], other = b[i], prev = a[i - 1], prevOther = b[i - 1];
    if (now > other && prev <= prevOther) out[i] = 1.0;
    else if (now < other && prev >= prevOther) out[i] = -1.0;
    else out[i] = 0.0;
  }
}

}  // namespace strata::kernels
