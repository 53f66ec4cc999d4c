#include "roc.h"

#include <algorithm>
#include <limits>

namespace strata::indicators {
namespace {

// One loop per form, so that each is a plain vectorisable loop.
template <typename Change>
void changes(In in, std::size_t back, Out out, Change change) {
  for (std::size_t i = back; i < in.size(); ++i) {
    // Computed on every row, then selected (a select the compiler vectorises, built without
    // trapping math): TA-Lib's 0 for a zero base.
    const double earlier = in[i - back], value = change(in[i], earlier);
    out[i] = earlier != 0.0 ? value : 0.0;
  }
}

}  // namespace

void roc(In in, int period, RocForm form, Out out) {
  const std::size_t back = std::min(in.size(), static_cast<std::size_t>(std::max(period, 0)));
  std::fill_n(out.begin(), back, std::numeric_limits<double>::quiet_NaN());
  switch (form) {
    case RocForm::Percent:
      changes(in, back, out,
              [](double now, double earlier) { return (now / earlier - 1.0) * 100.0; });
      break;
    case RocForm::Fraction:
      changes(in, back, out, [](double now, double earlier) { return (now - earlier) / earlier; });
      break;
    case RocForm::Ratio:
      changes(in, back, out, [](double now, double earlier) { return now / earlier; });
      break;
    case RocForm::Ratio100:
      changes(in, back, out, [](double now, double earlier) { return now / earlier * 100.0; });
      break;
  }
}

}  // namespace strata::indicators
