// Writes bars in the layout readBarsCsv reads: ISO-8601 UTC timestamps, shortest round-trip
// numbers (so reading back gives the same bits), streamed in 1 MiB pieces, replaced atomically.
#include "strata/csv_bars.h"
#include "strata/time_format.h"

#include <QSaveFile>

#include <charconv>
#include <string>

namespace strata {

QString writeBarsCsv(const Bars& bars, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return path + QStringLiteral(": ") + file.errorString();
  std::string buffer = "timestamp,open,high,low,close,volume\n";
  char number[40];
  auto flush = [&] {
    const bool ok = file.write(buffer.data(), static_cast<qint64>(buffer.size())) ==
                    static_cast<qint64>(buffer.size());
    buffer.clear();
    return ok;
  };
  for (Eigen::Index i = 0; i < bars.size(); ++i) {
    buffer.append(number, static_cast<std::size_t>(formatIsoUtc(bars.timestamps[static_cast<std::size_t>(i)], number)));
    for (double v : {bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]}) {
      buffer += ',';
      buffer.append(number, std::to_chars(number, number + sizeof number, v).ptr);
    }
    buffer += '\n';
    if (buffer.size() > (1u << 20) && !flush()) break;
  }
  if (!flush() || !file.commit()) return path + QStringLiteral(": ") + file.errorString();
  return {};
}

}  // namespace strata
