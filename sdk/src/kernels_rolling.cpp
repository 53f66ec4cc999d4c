// Rolling-window kernels. Mean and variance come from block-wise window sums (window_sums.h):
// each window's sum is a suffix of one block plus a prefix of the next, taken relative to a
// value inside the window, so the result matches an exact two-pass computation to about 1e-13
// relative at O(1) cost per row and with no drift over the series. Windows of equal values are
// answered exactly (mean = the value, variance = 0), as pandas does. The correlation keeps
// compensated running sums that are recomputed every `window` rows.
#include "strata/sdk/kernels.h"

#include "strata/sdk/window_sums.h"

#include <algorithm>
#include <array>
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

enum class Spread { None, Variance, Std };

// Mean and/or spread from one pass of window sums of deviations from an anchor inside the
// window (window_sums.h); an empty output span is not written. With the anchor in the window,
// (mean - anchor)^2 is at most the window's sum of squared deviations, so the one-pass variance
// loses at most log10(w) digits; a window of equal values gives exactly mean = the value and
// variance 0, as pandas does.
template <std::size_t C>
void meanAndSpreadWith(In in, std::size_t w, int ddof, Out mean, Out spread, Spread kind) {
  const bool wantMean = !mean.empty(), wantSpread = kind != Spread::None;
  const double perRow = 1.0 / static_cast<double>(w);
  const double perDegree = 1.0 / static_cast<double>(static_cast<int>(w) - ddof);
  auto terms = [deviations = detail::deviationTerms(in)](std::size_t i, std::size_t anchor) {
    const auto t = deviations(i, anchor);  // the mean alone leaves the square unused
    if constexpr (C == 1)
      return std::array<double, 1>{t[0]};
    else
      return t;
  };
  auto deliver = [&](std::size_t first, std::size_t count, std::size_t anchorRow,
                  const std::array<double*, C>& sums) {
    const double anchor = in[anchorRow];
    const double* s1 = sums[0];
    if (wantMean) {
      double* m = mean.data() + first;
      for (std::size_t k = 0; k < count; ++k) m[k] = detail::windowMean(anchor, s1[k], perRow);
    }
    if constexpr (C == 2) {
      if (!wantSpread) return;
      const double* s2 = sums[1];
      double* out = spread.data() + first;
      for (std::size_t k = 0; k < count; ++k) {
        const double variance = detail::windowVariance(s1[k], s2[k], perRow, perDegree);
        out[k] = kind == Spread::Std ? std::sqrt(variance) : variance;
      }
    }
  };
  detail::windowSums<C>(in.size(), w, terms, deliver);
}

void meanAndSpread(In in, int window, int ddof, Out mean, Out spread, Spread kind) {
  const bool spreadDefined = kind != Spread::None && window > ddof;  // pandas: needs ddof + 1 values
  if (kind != Spread::None && !spreadDefined) std::fill(spread.begin(), spread.end(), kNaN);
  const bool wantMean = !mean.empty();
  if (window < 1) {
    if (wantMean) std::fill(mean.begin(), mean.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  const std::size_t leading = std::min(in.size(), w - 1);  // rows before the first full window
  if (wantMean) std::fill_n(mean.begin(), leading, kNaN);
  if (spreadDefined) {
    std::fill_n(spread.begin(), leading, kNaN);
    meanAndSpreadWith<2>(in, w, ddof, mean, spread, kind);
  } else {
    meanAndSpreadWith<1>(in, w, ddof, mean, {}, Spread::None);
  }
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
// of a suffix extreme of one block and a prefix extreme of the next. Streamed block by block:
// only the previous block's suffix extremes are kept (a buffer of `window` values that stays in
// cache), so the column is read once and written once, with no deque and no branches.
// Missing values (NaN, +-inf) enter the scans as the identity and make their windows NaN, as
// pandas does; the counting pass for that runs only when the column has such values.
template <typename Pick>
void rollingExtreme(In in, int windowParam, Out out, Pick pick, double identity) {
  const std::size_t n = in.size();
  if (windowParam < 1) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  const auto w = static_cast<std::size_t>(windowParam);
  thread_local std::vector<double> tailBuffer;  // reused across calls
  tailBuffer.assign(w + 1, identity);  // [w] stays the identity: a window that is one block
  double* tail = tailBuffer.data();    // tail[k]: extreme of the previous block's rows k..w-1

  std::size_t invalid = 0;
  for (std::size_t block = 0; block < n; block += w) {
    const std::size_t length = std::min(n - block, w);
    const double* x = in.data() + block;
    double* y = out.data() + block;
    // The window ending at row j of this block starts at row j + 1 of the previous one.
    double forward = identity;
    for (std::size_t j = 0; j < length; ++j) {
      const double v = x[j];
      invalid += !valid(v);
      forward = pick(forward, valid(v) ? v : identity);
      y[j] = pick(tail[j + 1], forward);
    }
    double backward = identity;
    for (std::size_t j = length; j-- > 0;) {
      const double v = x[j];
      tail[j] = backward = pick(backward, valid(v) ? v : identity);
    }
  }
  std::fill_n(out.begin(), std::min(n, w - 1), kNaN);
  if (invalid == 0) return;
  std::size_t missing = 0;
  for (std::size_t i = 0; i < n; ++i) {
    missing += !valid(in[i]);
    if (i >= w) missing -= !valid(in[i - w]);
    if (missing) out[i] = kNaN;
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
