#include "normalizer.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <limits>
#include <tuple>
#include <utility>

namespace strata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxDouble = std::numeric_limits<double>::max();

// Min-max as docs/spec.md defines it: (x - min) / range with a zero range replaced by 1, then
// numpy's nan_to_num (NaN -> 0, +-inf -> +-max double) unless infinities are kept.
// Plain comparisons, not std::fmin/fmax: those are library calls at -O2 and cost more than the
// division; here NaN is already gone, so the comparisons are exact.
inline double lower(double a, double b) { return b < a ? b : a; }
inline double upper(double a, double b) { return b > a ? b : a; }

// Multiplies by the reciprocal of the range: within an ulp of numpy's division, and several
// times faster over a multi-gigabyte matrix.
inline double scale(double x, double lo, double inverseRange, bool keepInf) {
  double y = (x - lo) * inverseRange;
  y = y != y ? 0.0 : y;
  return keepInf ? y : lower(upper(y, -kMaxDouble), kMaxDouble);
}

// 1 / (max - min), with a zero range counted as 1 (docs/spec.md, Normalisation).
inline double inverseRange(double lo, double hi) {
  const double range = hi - lo;
  return 1.0 / (range == 0.0 ? 1.0 : range);
}

bool allEqual(std::span<const double> column) {
  if (column.empty()) return true;
  const double first = column.front();
  if (std::isnan(first)) {
    for (double v : column)
      if (!std::isnan(v)) return false;
    return true;
  }
  for (double v : column)
    if (v != first) return false;
  return true;
}

// Extremes over the fitted rows: all values but NaN (spec, nan after mapping inf to NaN), or
// finite values only (keep, clip).
struct Fit {
  double lo = kInf, hi = -kInf, finiteLo = kInf, finiteHi = -kInf;
  bool any = false, anyFinite = false;
  double low(bool finite) const { return finite ? (anyFinite ? finiteLo : kNaN) : (any ? lo : kNaN); }
  double high(bool finite) const { return finite ? (anyFinite ? finiteHi : kNaN) : (any ? hi : kNaN); }
};

using Lanes = double __attribute__((vector_size(16)));
using Counts = std::int64_t __attribute__((vector_size(16)));
using FloatPair = float __attribute__((vector_size(8)));

// Where pass 2 puts the scaled values. In place (float64): the column itself, judged constant
// afterwards as it always was. Rounded (float32): once into the float column, the double column
// left as it was, and constancy judged on the doubles as they go by (scaling leaves no NaN, so
// "constant" is "every value equals the first").
struct InPlace {
  std::span<double> column;
  void put(std::size_t i, double y) { column[i] = y; }
  void put2(std::size_t i, Lanes y) { std::memcpy(column.data() + i, &y, sizeof y); }
  bool constant() const { return allEqual(column); }
};

// Out of place: once into another column (float: rounded once), `column` left as it was, and
// constancy judged on the doubles as they go by (scaling leaves no NaN, so "constant" is
// "every value equals the first").
template <typename T>
struct OutOfPlace {
  std::span<T> out;
  double first = 0.0;
  bool differs = false;
  Counts differLanes = {0, 0};
  void put(std::size_t i, double y) {
    if (i == 0) first = y;
    differs |= y != first;
    out[i] = static_cast<T>(y);
  }
  void put2(std::size_t i, Lanes y) {
    if (i == 0) first = y[0];
    differLanes |= y != Lanes{first, first};
    if constexpr (std::is_same_v<T, float>) {
      const FloatPair pair = __builtin_convertvector(y, FloatPair);
      std::memcpy(out.data() + i, &pair, sizeof pair);
    } else {
      std::memcpy(out.data() + i, &y, sizeof y);
    }
  }
  bool constant() const { return !differs && !differLanes[0] && !differLanes[1]; }
};

// Pass 2: scales every row of `column` by the fitted range (or the running one for Expanding)
// into `sink`; returns the range for the result.
template <typename Sink>
std::pair<double, double> scaleInto(std::span<const double> column, Sink& sink, const NormalizationConfig& normalization,
                                    const Fit& fit, bool hasInf) {
  const InfPolicy policy = normalization.infPolicy;
  const bool infAsNaN = policy == InfPolicy::Nan;
  const bool keepInf = policy == InfPolicy::Keep;
  const bool finiteFit = policy == InfPolicy::Keep || policy == InfPolicy::Clip;
  const std::size_t all = column.size();
  if (normalization.fit == NormFit::Expanding) {
    Fit running;
    for (std::size_t i = 0; i < all; ++i) {
      const double v = column[i];
      double x = (infAsNaN && std::isinf(v)) ? kNaN : v;
      if (x == x) {
        running.any = true;
        running.lo = lower(running.lo, x);
        running.hi = upper(running.hi, x);
        if (!std::isinf(x)) {
          running.anyFinite = true;
          running.finiteLo = lower(running.finiteLo, x);
          running.finiteHi = upper(running.finiteHi, x);
        }
      }
      const double lo = running.low(finiteFit), hi = running.high(finiteFit);
      if (policy == InfPolicy::Clip && std::isinf(x)) x = x > 0 ? hi : lo;
      sink.put(i, scale(x, lo, inverseRange(lo, hi), keepInf));
    }
    return {running.low(finiteFit), running.high(finiteFit)};
  }
  const double lo = fit.low(finiteFit), hi = fit.high(finiteFit);
  const double inverse = inverseRange(lo, hi);
  if (hasInf && (infAsNaN || policy == InfPolicy::Clip)) {
    for (std::size_t i = 0; i < all; ++i) {
      double x = column[i];
      if (std::isinf(x)) x = infAsNaN ? kNaN : (x > 0 ? hi : lo);
      sink.put(i, scale(x, lo, inverse, keepInf));
    }
  } else {
    // The hot loop, two lanes at a time as pass 1, the same arithmetic as scale().
    const Lanes low = {lo, lo}, factor = {inverse, inverse}, zero = {0.0, 0.0},
                top = {kMaxDouble, kMaxDouble}, bottom = {-kMaxDouble, -kMaxDouble};
    std::size_t at = 0;
    for (; at + 2 <= all; at += 2) {
      Lanes v;
      std::memcpy(&v, column.data() + at, sizeof v);
      Lanes y = (v - low) * factor;
      y = y != y ? zero : y;
      if (!keepInf) {
        y = bottom > y ? bottom : y;
        y = top < y ? top : y;
      }
      sink.put2(at, y);
    }
    for (; at < all; ++at) sink.put(at, scale(column[at], lo, inverse, keepInf));
  }
  return {lo, hi};
}

}  // namespace

namespace {

template <typename T>
FinishedColumn finishInto(const QString& name, std::span<double> column,
                          const NormalizationConfig* normalization, Eigen::Index fitRows,
                          std::span<T> rounded) {
  FinishedColumn result;
  result.stats.name = name;
  const auto n = static_cast<Eigen::Index>(column.size());
  const InfPolicy policy = normalization ? normalization->infPolicy : InfPolicy::Spec;
  const bool infAsNaN = policy == InfPolicy::Nan;
  const Eigen::Index rows =
      !normalization || normalization->fit != NormFit::TrainFraction ? n : std::min(fitRows, n);

  // Pass 1: counts over all rows, and the extremes over the fitted rows [0, rows), in one read
  // of the column, two lanes at a time (GCC vector extensions, SSE2): GCC does not vectorise a
  // floating-point min/max reduction by itself without -ffast-math, though min and max are exact
  // in any order. A NaN fails every comparison and so never becomes an extreme.
  Fit fit;
  Lanes lowLanes = {kInf, kInf}, highLanes = {-kInf, -kInf};
  Counts nanLanes = {0, 0}, posLanes = {0, 0}, negLanes = {0, 0};
  auto load = [&](std::size_t at) {
    Lanes v;
    std::memcpy(&v, column.data() + at, sizeof v);
    return v;
  };
  auto count = [&](Lanes v) {  // a true lane compares as -1
    nanLanes -= v != v;
    posLanes -= v == kInf;
    negLanes -= v == -kInf;
  };
  auto widen = [](double x) { return Lanes{x, x}; };  // a single row: both lanes the same
  const auto fitted = static_cast<std::size_t>(rows), all = column.size();
  std::size_t row = 0;
  for (; row + 2 <= fitted; row += 2) {
    const Lanes v = load(row);
    count(v);
    lowLanes = v < lowLanes ? v : lowLanes;
    highLanes = v > highLanes ? v : highLanes;
  }
  if (row < fitted) {  // an odd fitted row: counted in lane 0 only
    const Lanes v = widen(column[row++]);
    count(Lanes{v[0], 0.0});
    lowLanes = v < lowLanes ? v : lowLanes;
    highLanes = v > highLanes ? v : highLanes;
  }
  for (; row + 2 <= all; row += 2) count(load(row));
  if (row < all) count(Lanes{column[row], 0.0});
  const qint64 nan = nanLanes[0] + nanLanes[1], posInf = posLanes[0] + posLanes[1],
               negInf = negLanes[0] + negLanes[1];
  result.stats.nanCount = nan;
  result.stats.posInfCount = posInf;
  result.stats.negInfCount = negInf;
  if (!normalization) {
    for (std::size_t i = 0; i < rounded.size(); ++i) rounded[i] = static_cast<T>(column[i]);
    return result;
  }

  const bool anyInf = posInf + negInf > 0;
  const bool skipInf = infAsNaN || (anyInf && (policy == InfPolicy::Keep || policy == InfPolicy::Clip));
  const double allLo = lower(lowLanes[0], lowLanes[1]), allHi = upper(highLanes[0], highLanes[1]);
  double finiteLo = kInf, finiteHi = -kInf;
  if (skipInf) {
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double v = column[static_cast<std::size_t>(i)];
      const bool finite = std::abs(v) < kInf;
      finiteLo = finite && v < finiteLo ? v : finiteLo;
      finiteHi = finite && v > finiteHi ? v : finiteHi;
    }
  } else {
    finiteLo = allLo, finiteHi = allHi;
  }
  // Without infinities the finite extremes are the extremes; "any" means a value was seen.
  fit.any = allLo <= allHi;
  fit.lo = infAsNaN ? finiteLo : allLo;
  fit.hi = infAsNaN ? finiteHi : allHi;
  fit.anyFinite = finiteLo <= finiteHi;
  fit.finiteLo = finiteLo;
  fit.finiteHi = finiteHi;
  if (infAsNaN) fit.any = fit.anyFinite;

  // Pass 2: scale in place, or into the other column.
  const bool hasInf = posInf + negInf > 0;
  if (rounded.empty()) {
    InPlace sink{column};
    std::tie(result.min, result.max) = scaleInto(column, sink, *normalization, fit, hasInf);
    result.stats.constant = sink.constant();
  } else {
    OutOfPlace<T> sink{rounded};
    std::tie(result.min, result.max) = scaleInto(column, sink, *normalization, fit, hasInf);
    result.stats.constant = sink.constant();
  }
  return result;
}

}  // namespace

FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows) {
  return finishInto(name, column, normalization, fitRows, std::span<double>());
}

FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows,
                            std::span<double> into) {
  return finishInto(name, column, normalization, fitRows, into);
}

FinishedColumn finishColumn(const QString& name, std::span<double> column,
                            const NormalizationConfig* normalization, Eigen::Index fitRows,
                            std::span<float> into) {
  return finishInto(name, column, normalization, fitRows, into);
}

}  // namespace strata
