// Rolling-window kernels. Sums are kept relative to an anchor value inside the window, with
// Neumaier compensation, and recomputed exactly (two-pass, O(window)) every `window` rows or as
// soon as the anchor drifts far from the window's mean, so the result matches an exact two-pass
// computation to about 1e-13 relative at O(1) amortised cost per row. Windows of equal values
// are answered exactly (mean = the value, variance = 0), as pandas does.
#include "strata/kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace strata::kernels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Recompute when (mean - anchor)^2 exceeds this multiple of the variance: beyond it the
// one-pass formula would lose more than ~3 of its 16 digits to cancellation.
constexpr double kDriftLimit = 1e3;

inline bool valid(double v) { return std::isfinite(v); }

// Knuth's branch-free TwoSum: the rounding error of every addition is carried in `error`.
struct Compensated {
  double sum = 0.0, error = 0.0;
  void add(double x) {
    const double t = sum + x;
    const double back = t - sum;
    error += (sum - (t - back)) + (x - back);
    sum = t;
  }
  double value() const { return sum + error; }
  void reset() { sum = error = 0.0; }
};

// Counts the valid values in the window and the run of equal values ending at the newest row.
struct WindowCounter {
  std::size_t window;
  std::size_t validCount = 0, run = 0;
  double previous = kNaN;
  // Returns true when the window [i - window + 1, i] holds `window` valid values.
  bool step(In in, std::size_t i) {
    const double x = in[i];
    if (valid(x)) ++validCount;
    if (i >= window && valid(in[i - window])) --validCount;
    run = valid(x) ? (x == previous ? run + 1 : 1) : 0;
    previous = x;
    return validCount == window;
  }
  bool allEqual() const { return run >= window; }
};

// The window's value closest to its mean: deviations from it are small for typical values (so
// x - anchor is exact or nearly), and a spike, however large, cannot become the anchor of the
// calm values around it.
double anchorFor(In in, std::size_t first, std::size_t last) {
  Compensated sum;
  for (std::size_t k = first; k <= last; ++k) sum.add(in[k]);
  const double mean = sum.value() / static_cast<double>(last - first + 1);
  double best = in[first];
  for (std::size_t k = first + 1; k <= last; ++k)
    if (std::abs(in[k] - mean) < std::abs(best - mean)) best = in[k];
  return best;
}

// Sum, and optionally sum of squares, of (x - anchor) over a full window.
struct AnchoredSums {
  double anchor = 0.0;
  Compensated s1, s2;
  std::size_t anchoredAt = 0;

  void rebuild(In in, std::size_t first, std::size_t last, bool squares) {
    anchor = anchorFor(in, first, last);
    s1.reset();
    s2.reset();
    for (std::size_t k = first; k <= last; ++k) {
      const double d = in[k] - anchor;
      s1.add(d);
      if (squares) s2.add(d * d);
    }
    anchoredAt = last;
  }
  void add(double x, bool squares) {
    const double d = x - anchor;
    s1.add(d);
    if (squares) s2.add(d * d);
  }
  void remove(double x, bool squares) {
    const double d = x - anchor;
    s1.add(-d);
    if (squares) s2.add(-(d * d));
  }
};

// Shared driver of rolling mean and variance: calls full(i, sums, counter) for each row whose
// window holds `window` valid values, empty(i) for the others.
template <bool Squares, typename Full, typename Empty>
void rollingMoments(In in, std::size_t w, Full full, Empty empty) {
  const std::size_t n = in.size();
  WindowCounter counter{w};
  AnchoredSums sums;
  bool live = false;  // sums describe the current window
  for (std::size_t i = 0; i < n; ++i) {
    if (!counter.step(in, i)) {
      live = false;
      empty(i);
      continue;
    }
    const std::size_t first = i + 1 - w;
    if (!live || i - sums.anchoredAt >= w) {
      sums.rebuild(in, first, i, Squares);
      live = true;
    } else {
      sums.add(in[i], Squares);
      sums.remove(in[first - 1], Squares);
    }
    full(i, sums, counter);
  }
}

double windowVariance(In in, std::size_t i, std::size_t w, int ddof, AnchoredSums& sums) {
  const double count = static_cast<double>(w);
  for (int attempt = 0; attempt < 2; ++attempt) {
    const double s1 = sums.s1.value();
    const double offset = s1 / count;
    const double m2 = std::max(0.0, sums.s2.value() - s1 * offset);
    const double variance = m2 / (count - ddof);
    if (attempt == 0 && offset != 0.0 && offset * offset > kDriftLimit * variance) {
      sums.rebuild(in, i + 1 - w, i, true);  // the anchor drifted: start again from the mean
      continue;
    }
    return variance;
  }
  return 0.0;  // not reached: the second attempt returns
}

enum class Spread { None, Variance, Std };

// Mean and/or spread from one pass over shared sums; an empty output span is not written.
void meanAndSpread(In in, int window, int ddof, Out mean, Out spread, Spread kind) {
  const bool spreadDefined = kind != Spread::None && window > ddof;  // pandas: needs ddof + 1 values
  if (kind != Spread::None && !spreadDefined) std::fill(spread.begin(), spread.end(), kNaN);
  const bool wantMean = !mean.empty();
  if (window < 1) {
    if (wantMean) std::fill(mean.begin(), mean.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  auto empty = [&](std::size_t i) {
    if (wantMean) mean[i] = kNaN;
    if (spreadDefined) spread[i] = kNaN;
  };
  auto full = [&](std::size_t i, AnchoredSums& sums, const WindowCounter& counter) {
    if (counter.allEqual()) {  // exact, as pandas: no rounding residue on flat stretches
      if (wantMean) mean[i] = in[i];
      if (spreadDefined) spread[i] = 0.0;
      return;
    }
    if (wantMean) mean[i] = sums.anchor + sums.s1.value() / static_cast<double>(w);
    if (spreadDefined) {
      const double variance = windowVariance(in, i, w, ddof, sums);
      spread[i] = kind == Spread::Std ? std::sqrt(variance) : variance;
    }
  };
  if (spreadDefined)
    rollingMoments<true>(in, w, full, empty);
  else
    rollingMoments<false>(in, w, full, empty);
}

}  // namespace

void rollingMeanStd(In in, int window, int ddof, Out mean, Out std) {
  meanAndSpread(in, window, ddof, mean, std, std.empty() ? Spread::None : Spread::Std);
}

void rollingMean(In in, int window, Out out) { meanAndSpread(in, window, 1, out, {}, Spread::None); }

void rollingVar(In in, int window, int ddof, Out out) {
  meanAndSpread(in, window, ddof, {}, out, Spread::Variance);
}

void rollingStd(In in, int window, int ddof, Out out) {
  meanAndSpread(in, window, ddof, {}, out, Spread::Std);
}

namespace {

// van Herk / Gil-Werman: with blocks of `window` rows, the extreme of any window is the better
// of a suffix extreme of one block and a prefix extreme of the next; three branch-free passes
// instead of a deque whose pops the branch predictor cannot guess. Missing values (NaN, +-inf)
// enter the scans as the identity and make their windows NaN, as pandas does.
template <typename Pick>
void rollingExtreme(In in, int windowParam, Out out, Pick pick, double identity) {
  const std::size_t n = in.size();
  if (windowParam < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(windowParam);
  thread_local std::vector<double> suffixBuffer;  // reused: no page faults per call
  if (suffixBuffer.size() < n) suffixBuffer.resize(n);
  double* suffix = suffixBuffer.data();
  auto value = [&](std::size_t i) { return valid(in[i]) ? in[i] : identity; };

  for (std::size_t i = 0, k = 0; i < n; ++i, k = k + 1 == w ? 0 : k + 1)
    out[i] = k == 0 ? value(i) : pick(out[i - 1], value(i));  // prefix within the block
  for (std::size_t i = n; i-- > 0;)
    suffix[i] = (i + 1 == n || (i + 1) % w == 0) ? value(i) : pick(suffix[i + 1], value(i));

  std::size_t missing = 0;
  for (std::size_t i = 0; i < n; ++i) {
    missing += !valid(in[i]);
    if (i >= w) missing -= !valid(in[i - w]);
    if (i + 1 < w || missing) {
      out[i] = kNaN;
      continue;
    }
    const std::size_t start = i + 1 - w;
    if (start % w != 0) out[i] = pick(suffix[start], out[i]);  // aligned: one whole block
  }
}

}  // namespace

void rollingMin(In in, int window, Out out) {
  rollingExtreme(in, window, out, [](double a, double b) { return b < a ? b : a; },
                 std::numeric_limits<double>::infinity());
}

void rollingMax(In in, int window, Out out) {
  rollingExtreme(in, window, out, [](double a, double b) { return b > a ? b : a; },
                 -std::numeric_limits<double>::infinity());
}

void rollingCorr(In x, In y, int windowParam, Out out) {
  const std::size_t n = x.size();
  if (windowParam < 2) {  // a correlation needs two observations
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(windowParam);
  auto pairValid = [&](std::size_t k) { return valid(x[k]) && valid(y[k]); };
  std::size_t validCount = 0, runX = 0, runY = 0;
  double ax = 0, ay = 0;  // anchors
  Compensated sx, sy, sxx, syy, sxy;
  std::size_t anchoredAt = 0;
  bool live = false;
  auto rebuild = [&](std::size_t first, std::size_t last) {
    ax = anchorFor(x, first, last);
    ay = anchorFor(y, first, last);
    for (Compensated* c : {&sx, &sy, &sxx, &syy, &sxy}) c->reset();
    for (std::size_t k = first; k <= last; ++k) {
      const double dx = x[k] - ax, dy = y[k] - ay;
      sx.add(dx), sy.add(dy), sxx.add(dx * dx), syy.add(dy * dy), sxy.add(dx * dy);
    }
    anchoredAt = last;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const bool ok = pairValid(i);
    if (ok) ++validCount;
    if (i >= w && pairValid(i - w)) --validCount;
    runX = ok && i > 0 && pairValid(i - 1) && x[i] == x[i - 1] ? runX + 1 : (ok ? 1 : 0);
    runY = ok && i > 0 && pairValid(i - 1) && y[i] == y[i - 1] ? runY + 1 : (ok ? 1 : 0);
    if (validCount < w) {
      live = false;
      out[i] = kNaN;
      continue;
    }
    if (runX >= w || runY >= w) {  // a constant side has no variance: 0/0
      out[i] = kNaN;
      live = false;
      continue;
    }
    const std::size_t first = i + 1 - w;
    if (!live || i - anchoredAt >= w) {
      rebuild(first, i);
      live = true;
    } else {
      const double dx = x[i] - ax, dy = y[i] - ay;
      sx.add(dx), sy.add(dy), sxx.add(dx * dx), syy.add(dy * dy), sxy.add(dx * dy);
      const double ox = x[first - 1] - ax, oy = y[first - 1] - ay;
      sx.add(-ox), sy.add(-oy), sxx.add(-(ox * ox)), syy.add(-(oy * oy)), sxy.add(-(ox * oy));
    }
    const double count = static_cast<double>(w);
    double result = kNaN;
    for (int attempt = 0; attempt < 2; ++attempt) {
      const double mx = sx.value() / count, my = sy.value() / count;
      const double vx = std::max(0.0, sxx.value() - sx.value() * mx);
      const double vy = std::max(0.0, syy.value() - sy.value() * my);
      if (attempt == 0 && (mx * mx > kDriftLimit * vx / count || my * my > kDriftLimit * vy / count) &&
          (mx != 0.0 || my != 0.0)) {
        rebuild(first, i);
        continue;
      }
      const double cov = sxy.value() - sx.value() * my;
      result = cov / std::sqrt(vx * vy);
      break;
    }
    out[i] = result;
  }
}

}  // namespace strata::kernels
