#include "normalizer.h"

#include <cmath>
#include <limits>

namespace strata {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxDouble = std::numeric_limits<double>::max();

// numpy.nan_to_num: NaN -> 0, +-inf -> +-max double.
inline double nanToNum(double v) {
  if (std::isnan(v)) return 0.0;
  if (std::isinf(v)) return v > 0 ? kMaxDouble : -kMaxDouble;
  return v;
}

// Running extremes as numpy's nanmin/nanmax see them; `finiteOnly` skips +-inf too.
struct Extremes {
  double min = kNaN;
  double max = kNaN;
  double finiteMin = kNaN;
  double finiteMax = kNaN;
  void add(double v) {
    if (std::isnan(v)) return;
    if (std::isnan(min) || v < min) min = v;
    if (std::isnan(max) || v > max) max = v;
    if (std::isfinite(v)) {
      if (std::isnan(finiteMin) || v < finiteMin) finiteMin = v;
      if (std::isnan(finiteMax) || v > finiteMax) finiteMax = v;
    }
  }
};

// The spec's formula for one value: (x - min) / range with a zero range replaced by 1.
inline double scale(double x, double lo, double hi, bool keepInf) {
  double range = hi - lo;
  if (range == 0.0) range = 1.0;
  const double y = (x - lo) / range;
  return keepInf ? (std::isnan(y) ? 0.0 : y) : nanToNum(y);
}

// Applies the inf policy to a value before it is fitted or scaled; clipping needs the fitted
// finite extremes, so it happens in the scaling loop.
inline double applyInfPolicy(double v, InfPolicy policy) {
  return (policy == InfPolicy::Nan && std::isinf(v)) ? kNaN : v;
}

}  // namespace

ColumnStats columnStats(const QString& name, std::span<const double> column) {
  ColumnStats stats;
  stats.name = name;
  for (double v : column) {
    if (std::isnan(v)) ++stats.nanCount;
    else if (v == std::numeric_limits<double>::infinity()) ++stats.posInfCount;
    else if (v == -std::numeric_limits<double>::infinity()) ++stats.negInfCount;
  }
  return stats;
}

bool isConstant(std::span<const double> column) {
  if (column.empty()) return true;
  const double first = column.front();
  for (double v : column)
    if (!(v == first || (std::isnan(v) && std::isnan(first)))) return false;
  return true;
}

FittedRange normalizeColumn(std::span<double> column, const NormalizationConfig& config,
                            Eigen::Index fitRows) {
  const InfPolicy policy = config.infPolicy;
  const bool keepInf = policy == InfPolicy::Keep;
  const bool finiteFit = policy == InfPolicy::Keep || policy == InfPolicy::Clip;
  auto lowOf = [&](const Extremes& e) { return finiteFit ? e.finiteMin : e.min; };
  auto highOf = [&](const Extremes& e) { return finiteFit ? e.finiteMax : e.max; };
  auto prepare = [&](double v, const Extremes& e) {
    v = applyInfPolicy(v, policy);
    if (policy == InfPolicy::Clip && std::isinf(v)) v = v > 0 ? e.finiteMax : e.finiteMin;
    return v;
  };

  if (config.fit == NormFit::Expanding) {
    Extremes running;
    for (double& v : column) {
      running.add(applyInfPolicy(v, policy));
      v = scale(prepare(v, running), lowOf(running), highOf(running), keepInf);
    }
    return {lowOf(running), highOf(running)};
  }

  const auto n = static_cast<Eigen::Index>(column.size());
  const Eigen::Index rows = config.fit == NormFit::All ? n : std::min(fitRows, n);
  Extremes fitted;
  for (Eigen::Index i = 0; i < rows; ++i) fitted.add(applyInfPolicy(column[i], policy));
  const double lo = lowOf(fitted), hi = highOf(fitted);
  for (double& v : column) v = scale(prepare(v, fitted), lo, hi, keepInf);
  return {lo, hi};
}

}  // namespace strata
