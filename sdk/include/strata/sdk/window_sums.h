#pragma once
// Exact-enough sums over every trailing window of `w` rows in O(1) per row, with no running
// subtraction (van Herk / Gil-Werman for sums). Rows are cut into blocks of `w`; the window
// ending at row i is a suffix of one block plus a prefix of the next, and each of those is a
// plain sum of at most w terms, so rounding never accumulates along the series and a spike that
// has left the window leaves no residue. Both partial sums of a window use the same anchor row:
// the last row of the earlier block, which every such window contains; a window that is one
// whole block uses that block's last row. Terms are computed relative to that anchor
// (deviations, for the variance), so a window of equal values sums to exactly 0.
//
// A missing term (NaN, or +-inf) makes every sum that contains it non-finite, and only those:
// callers turn a non-finite sum into NaN, which is pandas' answer for a window with a missing
// value, without counting missing rows.
#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace strata::kernels::detail {

// Windows longer than this sum with Neumaier compensation: a plain sum of w terms loses up to
// w ulps, which the variance's cancellation would magnify past 1e-12 for long windows.
constexpr std::size_t kCompensateAbove = 64;

template <bool Compensate>
struct PartialSum {
  double sum = 0.0, error = 0.0;
  void add(double x) {
    if constexpr (Compensate) {  // branch-free TwoSum
      const double t = sum + x;
      const double back = t - sum;
      error += (sum - (t - back)) + (x - back);
      sum = t;
    } else {
      sum += x;
    }
  }
  double value() const { return Compensate ? sum + error : sum; }
};

// Per-thread scratch of a few windows' length, reused by every call on the thread.
inline double* windowScratch(std::size_t size) {
  thread_local std::vector<double> buffer;
  if (buffer.size() < size) buffer.resize(size);
  return buffer.data();
}

// Terms that do not depend on the anchor (non-negative values, summed as they are: no
// cancellation to guard against). Wrapped so that windowSums computes each row's terms once per
// block, vectorised, instead of once per scan.
template <typename F>
struct AnchorFree {
  F values;  // values(row) -> std::array<double, C>
};
// Written out: clang before 17 deduces no template arguments for an aggregate (P1816).
template <typename F>
AnchorFree(F) -> AnchorFree<F>;
template <typename T>
constexpr bool kAnchorFree = false;
template <typename F>
constexpr bool kAnchorFree<AnchorFree<F>> = true;

// terms(row, anchorRow) -> std::array<double, C>: the row's terms relative to the anchor row (or
// an AnchorFree). deliver(firstRow, count, anchorRow, sums): rows firstRow .. firstRow + count - 1
// end full windows whose sums of channel c are sums[c][0 .. count). Rows before w - 1 are not
// emitted.
template <std::size_t C, bool Compensate, typename Terms, typename Deliver>
void windowSumsWith(std::size_t n, std::size_t w, Terms terms, Deliver deliver) {
  if (w == 0 || w > n) return;
  // Per channel: suffix sums of the previous and of the current block, the emitted window sums,
  // the block's anchor-free terms.
  double* base = windowScratch(4 * C * w);
  std::array<double*, C> previous, current, window, values;
  for (std::size_t c = 0; c < C; ++c) {
    previous[c] = base + (4 * c) * w;
    current[c] = base + (4 * c + 1) * w;
    window[c] = base + (4 * c + 2) * w;
    values[c] = base + (4 * c + 3) * w;
  }
  for (std::size_t start = 0; start < n; start += w) {
    const std::size_t length = std::min(w, n - start);
    if constexpr (kAnchorFree<Terms>) {
      for (std::size_t k = 0; k < length; ++k) {
        const auto t = terms.values(start + k);
        for (std::size_t c = 0; c < C; ++c) values[c][k] = t[c];
      }
    }
    // Channel c of row start + k relative to the anchor row.
    auto term = [&](std::size_t k, std::size_t anchor, std::size_t c) {
      if constexpr (kAnchorFree<Terms>)
        return values[c][k];
      else
        return terms(start + k, anchor)[c];
    };
    if (start > 0) {
      // Windows ending at start + k (k < w - 1) begin in the previous block at start - w + k + 1.
      const std::size_t anchor = start - 1, rows = std::min(length, w - 1);
      std::array<PartialSum<Compensate>, C> prefix{};
#pragma GCC unroll 4
      for (std::size_t k = 0; k < rows; ++k) {
        for (std::size_t c = 0; c < C; ++c) {
          prefix[c].add(term(k, anchor, c));
          window[c][k] = previous[c][k + 1] + prefix[c].value();
        }
      }
      deliver(start, rows, anchor, window);
    }
    if (length < w) break;  // a partial last block ends no whole-block window
    const std::size_t anchor = start + w - 1;
    std::array<PartialSum<Compensate>, C> suffix{};
#pragma GCC unroll 4
    for (std::size_t j = 0; j < w; ++j) {
      const std::size_t k = w - 1 - j;
      for (std::size_t c = 0; c < C; ++c) {
        suffix[c].add(term(k, anchor, c));
        current[c][k] = suffix[c].value();
      }
    }
    deliver(anchor, 1, anchor, current);  // the window that is this whole block
    std::swap(previous, current);
  }
}

// Terms for the mean and variance: each row's deviation from the anchor row, and its square.
inline auto deviationTerms(std::span<const double> in) {
  return [in](std::size_t i, std::size_t anchor) {
    const double d = in[i] - in[anchor];
    return std::array<double, 2>{d, d * d};
  };
}

// The mean of a window from its sum of deviations s1 from the anchor value; s1 * 0 is NaN
// exactly when the window held a NaN or an infinity, pandas' NaN. perRow = 1 / w.
inline double windowMean(double anchor, double s1, double perRow) {
  return anchor + s1 * perRow + s1 * 0.0;
}

// The variance of a window from its sums of deviations s1 and squared deviations s2 (NaN for
// a missing value, as inf - inf). perDegree = 1 / (w - ddof).
inline double windowVariance(double s1, double s2, double perRow, double perDegree) {
  const double m2 = s2 - s1 * s1 * perRow;
  return (m2 < 0.0 ? 0.0 : m2) * perDegree;
}

// Dispatches on the window length: compensated sums for long windows.
template <std::size_t C, typename Terms, typename Deliver>
void windowSums(std::size_t n, std::size_t w, Terms terms, Deliver deliver) {
  if (w > kCompensateAbove)
    windowSumsWith<C, true>(n, w, terms, deliver);
  else
    windowSumsWith<C, false>(n, w, terms, deliver);
}

}  // namespace strata::kernels::detail
