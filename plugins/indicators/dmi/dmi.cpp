#include "dmi.h"

#include "strata/sdk/scratch.h"
#include "strata/sdk/true_range.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Each bar's directional movement and true range, from row begin + 1 (a separate pass, so that
// its selects vectorise and the recursive pass is only the sums). Only the larger move counts,
// and only when it is positive.
struct Moves {
  Out plus, minus, range;
};

Moves movesOf(In high, In low, In close, std::size_t begin, std::size_t end) {
  const Moves moves{kernels::scratchColumn(1, end), kernels::scratchColumn(2, end),
                    kernels::scratchColumn(3, end)};
  // Restrict pointers: the scratch columns never alias the bars, so GCC vectorises the loop.
  const double* __restrict h = high.data();
  const double* __restrict l = low.data();
  const double* __restrict c = close.data();
  double* __restrict plus = moves.plus.data();
  double* __restrict minus = moves.minus.data();
  double* __restrict range = moves.range.data();
  for (std::size_t i = begin + 1; i < end; ++i) {
    const double up = h[i] - h[i - 1], down = l[i - 1] - l[i];
    // max(move, 0) where it is the larger move: selects, no branch.
    plus[i] = up > down ? std::max(up, 0.0) : 0.0;
    minus[i] = down > up ? std::max(down, 0.0) : 0.0;
    range[i] = kernels::taLibTrueRange(h[i], l[i], c[i - 1]);
  }
  return moves;
}

void blank(Out out, std::size_t begin, std::size_t end) {
  if (!out.empty()) std::fill(out.begin() + begin, out.begin() + end, kNaN);
}

// One run of complete bars [begin, end), computed as if the series began at `begin`.
class DmiRun {
 public:
  DmiRun(In high, In low, In close, std::size_t window, const DmiOutputs& out)
      : high_(high), low_(low), close_(close), n_(window), out_(out),
        decay_(1.0 - 1.0 / static_cast<double>(window)),
        perRow_(1.0 / static_cast<double>(window)) {}

  void operator()(std::size_t begin, std::size_t end) const {
    blankWarmUp(begin, end);
    const Moves m = movesOf(high_, low_, close_, begin, end);
    double plus = 0.0, minus = 0.0, range = 0.0;
    const std::size_t firstSum = begin + n_ - 1;
    for (std::size_t i = begin + 1; i < std::min(end, firstSum + 1); ++i) {
      plus += m.plus[i];
      minus += m.minus[i];
      range += m.range[i];
    }
    if (firstSum >= end) return;
    write(out_.plusDm, firstSum, plus);
    write(out_.minusDm, firstSum, minus);
    const bool wantsDx = !out_.dx.empty() || !out_.adx.empty();
    const std::size_t firstAdx = begin + 2 * n_ - 1, firstAdxr = begin + 3 * n_ - 2;
    double dx = 0.0, adxSum = 0.0, adx = kNaN;
    for (std::size_t i = firstSum + 1; i < end; ++i) {
      plus = plus * decay_ + m.plus[i];
      minus = minus * decay_ + m.minus[i];
      range = range * decay_ + m.range[i];
      write(out_.plusDm, i, plus);
      write(out_.minusDm, i, minus);
      const bool rangeZero = kernels::taLibIsZero(range);
      if (!out_.plusDi.empty()) out_.plusDi[i] = rangeZero ? 0.0 : 100.0 * plus / range;
      if (!out_.minusDi.empty()) out_.minusDi[i] = rangeZero ? 0.0 : 100.0 * minus / range;
      if (!wantsDx) continue;
      // +DI + -DI = 100 * (plus + minus) / range; its zero test without the division.
      const double both = plus + minus;
      const bool moved = !rangeZero && !(100.0 * both < kernels::kTaLibZero * range);
      const double rowDx = 100.0 * std::abs(plus - minus) / both;  // the range cancels
      dx = moved ? rowDx : dx;
      write(out_.dx, i, dx);
      if (i < firstAdx) {
        adxSum += moved ? rowDx : 0.0;
        continue;
      }
      if (i == firstAdx)
        adx = (adxSum + (moved ? rowDx : 0.0)) * perRow_;
      else if (moved)
        adx = adx * decay_ + rowDx * perRow_;
      if (out_.adx.empty()) continue;
      out_.adx[i] = adx;
      if (!out_.adxr.empty() && i >= firstAdxr) out_.adxr[i] = 0.5 * (adx + out_.adx[i - (n_ - 1)]);
    }
  }

 private:
  static void write(Out out, std::size_t i, double value) {
    if (!out.empty()) out[i] = value;
  }
  void blankWarmUp(std::size_t begin, std::size_t end) const {
    auto upTo = [&](std::size_t lookback) { return std::min(end, begin + lookback); };
    blank(out_.plusDm, begin, upTo(n_ - 1));
    blank(out_.minusDm, begin, upTo(n_ - 1));
    blank(out_.plusDi, begin, upTo(n_));
    blank(out_.minusDi, begin, upTo(n_));
    blank(out_.dx, begin, upTo(n_));
    blank(out_.adx, begin, upTo(2 * n_ - 1));
    blank(out_.adxr, begin, upTo(3 * n_ - 2));
  }

  In high_, low_, close_;
  std::size_t n_;
  DmiOutputs out_;
  double decay_, perRow_;
};

}  // namespace

void dmi(In high, In low, In close, int window, const DmiOutputs& requested) {
  const std::size_t n = close.size();
  DmiOutputs out = requested;
  // ADXR reads ADX window - 1 rows back: keep ADX in a scratch column when it is not wanted.
  if (!out.adxr.empty() && out.adx.empty()) out.adx = kernels::scratchColumn(0, n);
  const Out all[] = {out.plusDm, out.minusDm, out.plusDi, out.minusDi, out.dx, out.adx, out.adxr};
  auto gap = [&](std::size_t i) {
    for (Out o : all)
      if (!o.empty()) o[i] = kNaN;
  };
  if (window < 2) {
    for (std::size_t i = 0; i < n; ++i) gap(i);
    return;
  }
  auto complete = [&](std::size_t i) {
    return std::isfinite(high[i]) && std::isfinite(low[i]) && std::isfinite(close[i]);
  };
  kernels::forEachFiniteRun(n, complete, DmiRun(high, low, close, static_cast<std::size_t>(window), out), gap);
}

}  // namespace strata::indicators
