#include "strata/timeframe.h"

#include <QRegularExpression>

namespace strata {
namespace {
constexpr qint64 kMinute = 60, kHour = 3600, kDay = 86400, kWeek = 7 * kDay;
// 1970-01-01 was a Thursday; weeks start on Monday, 4 days earlier.
constexpr qint64 kMondayOffsetSeconds = 4 * kDay;
}  // namespace

std::optional<Timeframe> Timeframe::parse(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,6})\\s*(s|m|min|h|d|w)\\s*$"),
                                          QRegularExpression::CaseInsensitiveOption);
  const auto match = pattern.match(text);
  if (!match.hasMatch()) return std::nullopt;
  const qint64 count = match.captured(1).toLongLong();
  const QString unit = match.captured(2).toLower();
  if (count <= 0) return std::nullopt;
  qint64 unitSeconds = 1;
  if (unit == u"m" || unit == u"min") unitSeconds = kMinute;
  else if (unit == u"h") unitSeconds = kHour;
  else if (unit == u"d") unitSeconds = kDay;
  else if (unit == u"w") unitSeconds = kWeek;
  return Timeframe(count * unitSeconds);
}

Timeframe Timeframe::fromSeconds(qint64 seconds) { return Timeframe(seconds > 0 ? seconds : 1); }

Timestamp Timeframe::bucketStart(Timestamp t) const {
  const Timestamp width = durationMicros();
  const Timestamp offset = seconds_ % kWeek == 0 ? kMondayOffsetSeconds * 1'000'000 : 0;
  Timestamp shifted = t - offset;
  Timestamp q = shifted / width;
  if (shifted % width < 0) --q;  // floor for times before the epoch
  return q * width + offset;
}

QString Timeframe::name() const {
  if (seconds_ % kWeek == 0) return QStringLiteral("%1w").arg(seconds_ / kWeek);
  if (seconds_ % kDay == 0) return QStringLiteral("%1d").arg(seconds_ / kDay);
  if (seconds_ % kHour == 0) return QStringLiteral("%1h").arg(seconds_ / kHour);
  if (seconds_ % kMinute == 0) return QStringLiteral("%1m").arg(seconds_ / kMinute);
  return QStringLiteral("%1s").arg(seconds_);
}

}  // namespace strata
