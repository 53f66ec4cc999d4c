#pragma once
#include "strata/visibility.h"
#include "strata/bars.h"

#include <QString>
#include <optional>

namespace strata {

/// A bar duration: 1m 5m 15m 30m 1h 4h 1d 1w. Buckets are UTC, left-closed, left-labelled;
/// weeks start on Monday 00:00 UTC.
class STRATA_ENGINE_EXPORT Timeframe {
 public:
  static std::optional<Timeframe> parse(const QString& text);
  static Timeframe fromSeconds(qint64 seconds);

  qint64 seconds() const { return seconds_; }
  Timestamp durationMicros() const { return seconds_ * 1'000'000; }
  Timestamp bucketStart(Timestamp t) const;
  QString name() const;
  bool operator==(const Timeframe&) const = default;
  auto operator<=>(const Timeframe&) const = default;

 private:
  explicit Timeframe(qint64 seconds) : seconds_(seconds) {}
  qint64 seconds_ = 60;
};

}  // namespace strata
