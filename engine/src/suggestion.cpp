#include "suggestion.h"

#include <algorithm>
#include <vector>

namespace strata {
namespace {

int editDistance(const QString& a, const QString& b) {
  std::vector<int> row(static_cast<std::size_t>(b.size() + 1));
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = static_cast<int>(j);
  for (qsizetype i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (qsizetype j = 1; j <= b.size(); ++j) {
      const int up = row[static_cast<std::size_t>(j)];
      row[static_cast<std::size_t>(j)] =
          std::min({up + 1, row[static_cast<std::size_t>(j - 1)] + 1,
                    diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row.back();
}

}  // namespace

QString suggestion(const QString& word, const QStringList& known) {
  QString best;
  int bestDistance = 3;  // suggest only close misspellings
  for (const QString& k : known) {
    const int d = editDistance(word, k);
    if (d < bestDistance) bestDistance = d, best = k;
  }
  return best.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(best);
}

}  // namespace strata
