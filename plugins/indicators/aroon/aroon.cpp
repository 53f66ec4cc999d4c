#include "aroon.h"

#include "strata/sdk/true_range.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace strata::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The row of the extreme of values[first .. last] by `better` (the most recent on a tie), kept
// from row to row: rescanned only when the extreme leaves the window.
template <typename Better>
class LatestExtreme {
 public:
  explicit LatestExtreme(In values) : values_(values) {}

  std::size_t at(std::size_t first, std::size_t last) {
    if (!valid_ || index_ < first) {
      // The extreme so far in a register and selects, not branches: a rescan's comparisons
      // are unpredictable.
      index_ = first;
      best_ = values_[first];
      for (std::size_t j = first + 1; j <= last; ++j) {
        const double v = values_[j];
        const bool take = !Better{}(best_, v);
        index_ = take ? j : index_;
        best_ = take ? v : best_;
      }
      valid_ = true;
    } else if (const double v = values_[last]; !Better{}(best_, v)) {
      index_ = last;
      best_ = v;
    }
    return index_;
  }
  void reset() { valid_ = false; }

 private:
  In values_;
  std::size_t index_ = 0;
  double best_ = 0.0;
  bool valid_ = false;
};

void write(Out out, std::size_t i, double value) {
  if (!out.empty()) out[i] = value;
}

}  // namespace

void aroon(In high, In low, int window, Out down, Out up, Out osc) {
  const std::size_t n = high.size();
  auto gap = [&](std::size_t i) {
    write(down, i, kNaN);
    write(up, i, kNaN);
    write(osc, i, kNaN);
  };
  if (window < 1) {
    for (std::size_t i = 0; i < n; ++i) gap(i);
    return;
  }
  const auto w = static_cast<std::size_t>(window);
  const double factor = 100.0 / static_cast<double>(window);
  // std::greater: a strictly higher earlier high keeps its place; an equal later one wins.
  LatestExtreme<std::greater<double>> highest(high);
  LatestExtreme<std::less<double>> lowest(low);
  auto run = [&](std::size_t begin, std::size_t end) {
    highest.reset();
    lowest.reset();
    for (std::size_t i = begin; i < std::min(end, begin + w); ++i) gap(i);
    for (std::size_t i = begin + w; i < end; ++i) {
      const std::size_t hi = highest.at(i - w, i), lo = lowest.at(i - w, i);
      write(up, i, factor * static_cast<double>(w - (i - hi)));
      write(down, i, factor * static_cast<double>(w - (i - lo)));
      write(osc, i, factor * (static_cast<double>(hi) - static_cast<double>(lo)));
    }
  };
  auto complete = [&](std::size_t i) { return std::isfinite(high[i]) && std::isfinite(low[i]); };
  kernels::forEachFiniteRun(n, complete, run, gap);
}

}  // namespace strata::indicators
