#pragma once
// The "billion laughs" pipeline of issue 20, item 2: a real step whose parameter x holds nine
// levels of nine aliases of the level before, 9^9 (387 million) nodes in a few hundred bytes.
#include <QString>
#include <QStringList>

namespace strata::hostile {

inline QString aliasBomb() {
  QString yaml =
      QStringLiteral("indicators:\n  - plugin: rsi\n    params:\n      window: 14\n      x:\n");
  QString previous;
  for (char level = 'a'; level <= 'i'; ++level) {
    QStringList items;
    for (int i = 0; i < 9; ++i)
      items << (previous.isEmpty() ? QStringLiteral("x") : QLatin1Char('*') + previous);
    yaml += QStringLiteral("        - &%1 [%2]\n")
                .arg(QLatin1Char(level))
                .arg(items.join(QStringLiteral(", ")));
    previous = QString(QLatin1Char(level));
  }
  return yaml;
}

}  // namespace strata::hostile
