#include "bad_rows.h"

#include "strata/data_source.h"
#include "strata/time_format.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace strata {
namespace {

// A DataError lists at most this many rows (a broken file can have millions) and counts the rest.
constexpr qsizetype kListedProblems = 100;

// A value no policy can repair: missing, infinite or inconsistent OHLC, negative volume.
bool badValues(const Bars& b, Eigen::Index i) {
  const double o = b.open[i], h = b.high[i], l = b.low[i], c = b.close[i], v = b.volume[i];
  for (double x : {o, h, l, c, v})
    if (!std::isfinite(x)) return true;
  return h < std::max(o, c) || l > std::min(o, c) || v < 0;
}

Bars gather(const Bars& in, const std::vector<Eigen::Index>& rows) {
  Bars out;
  out.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Eigen::Index i = rows[k], o = static_cast<Eigen::Index>(k);
    out.timestamps[k] = in.timestamps[static_cast<std::size_t>(i)];
    out.open[o] = in.open[i];
    out.high[o] = in.high[i];
    out.low[o] = in.low[i];
    out.close[o] = in.close[i];
    out.volume[o] = in.volume[i];
  }
  return out;
}

QString listed(const QStringList& problems) {
  QStringList shown = problems.mid(0, kListedProblems);
  if (problems.size() > kListedProblems)
    shown << QStringLiteral("... and %1 more").arg(problems.size() - kListedProblems);
  return shown.join(QLatin1Char('\n'));
}

QString lineList(const std::vector<qsizetype>& lines) {
  QStringList parts;
  for (std::size_t k = 0; k < lines.size() && k < 20; ++k) parts << QString::number(lines[k]);
  if (lines.size() > 20) parts << QStringLiteral("... %1 more").arg(lines.size() - 20);
  return parts.join(QStringLiteral(", "));
}

}  // namespace

Bars applyBadRowPolicy(CsvReadResult&& read, const QString& path, BadRowPolicy policy,
                       QStringList* warnings) {
  if (!read.bars || read.bars->size() == 0)
    throw DataError(QStringLiteral("%1: no usable bars\n%2").arg(path, listed(read.problems)).toStdString());
  const Bars& bars = *read.bars;
  const Eigen::Index n = bars.size();
  const auto rowOfLine = [&](qsizetype line) -> Eigen::Index {
    const auto it = std::lower_bound(read.lines.begin(), read.lines.end(), line);
    return it != read.lines.end() && *it == line ? static_cast<Eigen::Index>(it - read.lines.begin()) : -1;
  };
  std::vector<char> bad(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i) bad[static_cast<std::size_t>(i)] = badValues(bars, i);

  if (policy == BadRowPolicy::Reject) {
    // A problem is fatal unless it is only a remark on a good row (no header row, extra fields).
    QStringList fatal, remarks;
    for (qsizetype k = 0; k < read.problems.size(); ++k) {
      const Eigen::Index row = rowOfLine(read.problemLines[static_cast<std::size_t>(k)]);
      const bool rowIsBad = row < 0 || bad[static_cast<std::size_t>(row)] ||
                            (row > 0 && bars.timestamps[static_cast<std::size_t>(row)] <=
                                            bars.timestamps[static_cast<std::size_t>(row - 1)]);
      (rowIsBad ? fatal : remarks) << read.problems[k];
    }
    if (!fatal.isEmpty())
      throw DataError(QStringLiteral("%1: %2 problem%3 (bad_rows: reject; drop or repair would "
                                     "continue without the bad rows)\n%4")
                          .arg(path)
                          .arg(fatal.size())
                          .arg(fatal.size() > 1 ? QStringLiteral("s") : QString())
                          .arg(listed(fatal))
                          .toStdString());
    if (warnings) *warnings << remarks;
    return std::move(*read.bars);
  }

  if (warnings) *warnings << read.problems;
  std::vector<Eigen::Index> kept;
  kept.reserve(static_cast<std::size_t>(n));
  std::vector<qsizetype> droppedLines;
  const auto lineOf = [&](Eigen::Index i) { return read.lines[static_cast<std::size_t>(i)]; };
  const auto time = [&](Eigen::Index i) { return bars.timestamps[static_cast<std::size_t>(i)]; };

  if (policy == BadRowPolicy::Drop) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (bad[static_cast<std::size_t>(i)]) {
        droppedLines.push_back(lineOf(i));
      } else if (!kept.empty() && time(i) <= time(kept.back())) {
        // The reader compares with the row just before; after dropping, the row that matters
        // is the last one kept.
        droppedLines.push_back(lineOf(i));
        if (warnings && i > 0 && time(i) > time(i - 1))
          *warnings << QStringLiteral("%1:%2: timestamp %3 is not after line %4's %5")
                           .arg(path).arg(lineOf(i)).arg(isoUtc(time(i))).arg(lineOf(kept.back()))
                           .arg(isoUtc(time(kept.back())));
      } else {
        kept.push_back(i);
      }
    }
    if (warnings && !droppedLines.empty())
      *warnings << QStringLiteral("%1: bad_rows: drop left out %2 rows (lines %3)")
                       .arg(path).arg(droppedLines.size()).arg(lineList(droppedLines));
    return gather(bars, kept);
  }

  // Repair: what cannot be repaired (the values) is left out; order and duplicates are fixed.
  qsizetype outOfOrder = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (bad[static_cast<std::size_t>(i)]) {
      droppedLines.push_back(lineOf(i));
      continue;
    }
    if (!kept.empty() && time(i) < time(kept.back())) ++outOfOrder;
    kept.push_back(i);
  }
  std::stable_sort(kept.begin(), kept.end(), [&](Eigen::Index a, Eigen::Index b) { return time(a) < time(b); });
  std::vector<Eigen::Index> unique;
  unique.reserve(kept.size());
  qsizetype duplicates = 0;
  for (Eigen::Index i : kept) {
    // Equal times keep file order after the stable sort, so the later row replaces the earlier.
    if (!unique.empty() && time(unique.back()) == time(i)) {
      unique.back() = i;
      ++duplicates;
    } else {
      unique.push_back(i);
    }
  }
  if (warnings && (outOfOrder || duplicates || !droppedLines.empty()))
    *warnings << QStringLiteral("%1: bad_rows: repair sorted %2 rows that were out of order, "
                                "removed %3 duplicate timestamps (keeping the last row of each) "
                                "and left out %4 rows with bad values%5")
                     .arg(path).arg(outOfOrder).arg(duplicates).arg(droppedLines.size())
                     .arg(droppedLines.empty() ? QString()
                                               : QStringLiteral(" (lines %1)").arg(lineList(droppedLines)));
  return gather(bars, unique);
}

}  // namespace strata
