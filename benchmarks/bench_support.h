#pragma once
// Shared by the benchmark programs: `--name value` options and medians.
#include <QStringList>

#include <algorithm>
#include <vector>

namespace strata::bench {

/// The value after `name` on the command line, or `fallback`.
inline QString option(const QStringList& args, const QString& name, const QString& fallback) {
  const auto i = args.indexOf(name);
  return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

/// The median (the mean of the two middle values for an even count); 0 for none.
inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n == 0 ? 0.0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

}  // namespace strata::bench
