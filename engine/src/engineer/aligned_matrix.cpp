#include "strata/aligned_matrix.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace strata {

QString alignedColumnName(const Timeframe& timeframe, const QString& column) {
  return timeframe.name() + QStringLiteral("__") + column;
}

FeatureSet alignTimeframes(const std::vector<TimeframeFeatures>& parts) {
  if (parts.empty()) throw PipelineError("aligned matrix: no timeframes to align");
  for (const TimeframeFeatures& p : parts)
    if (!p.features) throw PipelineError("aligned matrix: a timeframe has no features");
  const TimeframeFeatures& base = *std::min_element(
      parts.begin(), parts.end(),
      [](const TimeframeFeatures& a, const TimeframeFeatures& b) { return a.timeframe < b.timeframe; });
  const std::vector<Timestamp>& baseTimes = base.features->timestamps;
  const auto rows = static_cast<Eigen::Index>(baseTimes.size());
  Eigen::Index cols = 0;
  for (const TimeframeFeatures& p : parts) cols += p.features->matrix.cols();

  // The aligned matrix has its inputs' precision; one pipeline gives every timeframe the same.
  const Precision precision = base.features->matrix.precision();
  for (const TimeframeFeatures& p : parts)
    if (p.features->matrix.precision() != precision)
      throw PipelineError(QStringLiteral("aligned matrix: %1 is %2 but %3 is %4")
                              .arg(p.timeframe.name(), precisionName(p.features->matrix.precision()),
                                   base.timeframe.name(), precisionName(precision))
                              .toStdString());

  FeatureSet out;
  out.timestamps = baseTimes;
  out.target = base.features->target;
  out.matrix = ColumnMatrix(rows, cols, precision);
  out.normalization.fitRows = base.features->normalization.fitRows;
  const bool normalised = std::all_of(parts.begin(), parts.end(), [](const TimeframeFeatures& p) {
    return p.features->normalization.min.size() == static_cast<std::size_t>(p.features->matrix.cols());
  });

  // source[i]: the row of the higher timeframe joined at base row i, or -1 before its first close.
  std::vector<Eigen::Index> source(static_cast<std::size_t>(rows));
  Eigen::Index next = 0;
  for (const TimeframeFeatures& p : parts) {
    const FeatureSet& f = *p.features;
    const QString prefix = p.timeframe.name() + QStringLiteral(": ");
    for (const QString& c : f.columns) out.columns << alignedColumnName(p.timeframe, c);
    if (normalised) {
      out.normalization.min.insert(out.normalization.min.end(), f.normalization.min.begin(), f.normalization.min.end());
      out.normalization.max.insert(out.normalization.max.end(), f.normalization.max.begin(), f.normalization.max.end());
    }
    for (const QString& w : f.report.warnings) out.report.warnings << prefix + w;
    for (ColumnStats s : f.report.columns) {
      s.name = alignedColumnName(p.timeframe, s.name);
      out.report.columns.push_back(std::move(s));
    }

    if (&p == &base) {
      std::memcpy(out.matrix.storage() + static_cast<std::size_t>(next * rows) * out.matrix.elementSize(),
                  f.matrix.storage(), f.matrix.bytes());
      next += f.matrix.cols();
      continue;
    }
    // One forward walk: both series are sorted, so the joined row only ever moves forward.
    const std::vector<Timestamp>& times = f.timestamps;
    const auto higherRows = static_cast<Eigen::Index>(times.size());
    const Timestamp higherLength = p.timeframe.durationMicros(), baseLength = base.timeframe.durationMicros();
    Eigen::Index joined = -1;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const Timestamp baseClose = baseTimes[static_cast<std::size_t>(i)] + baseLength;
      while (joined + 1 < higherRows && times[static_cast<std::size_t>(joined + 1)] + higherLength <= baseClose)
        ++joined;
      source[static_cast<std::size_t>(i)] = joined;
    }
    for (Eigen::Index c = 0; c < f.matrix.cols(); ++c) {
      auto join = [&]<typename Value>(std::span<const Value> from, std::span<Value> to) {
        constexpr Value kNaN = std::numeric_limits<Value>::quiet_NaN();
        for (std::size_t i = 0; i < to.size(); ++i) to[i] = source[i] < 0 ? kNaN : from[static_cast<std::size_t>(source[i])];
      };
      if (precision == Precision::Float32)
        join(f.matrix.column32(c), out.matrix.column32(next + c));
      else
        join(f.matrix.column(c), out.matrix.column(next + c));
    }
    next += f.matrix.cols();
  }
  return out;
}

}  // namespace strata
