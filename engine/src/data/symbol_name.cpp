// What a symbol may hold: any printable text. A control character or line break in a symbol
// would split every message, listing and file name it appears in.
#include "strata/data_source.h"

namespace strata {
namespace {

bool breaksLines(QChar c) {
  return c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
         c == QChar::ParagraphSeparator;
}

/// The symbol with every such character written as an escape ("a\tb", "x\u2028y").
QString escaped(const QString& symbol) {
  QString out;
  for (const QChar c : symbol) {
    if (c == u'\t')
      out += QLatin1String("\\t");
    else if (c == u'\n')
      out += QLatin1String("\\n");
    else if (c == u'\r')
      out += QLatin1String("\\r");
    else if (breaksLines(c))
      out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    else
      out += c;
  }
  return out;
}

}  // namespace

QString symbolProblem(const QString& symbol) {
  if (symbol.isEmpty()) return QStringLiteral("the symbol is empty");
  for (qsizetype i = 0; i < symbol.size(); ++i)
    if (breaksLines(symbol[i]))
      return QStringLiteral(
                 "symbol \"%1\" holds a control character or line break (U+%2 at "
                 "character %3): a symbol is printable text")
          .arg(escaped(symbol))
          .arg(QStringLiteral("%1").arg(symbol[i].unicode(), 4, 16, QLatin1Char('0')).toUpper())
          .arg(i + 1);
  return {};
}

}  // namespace strata
