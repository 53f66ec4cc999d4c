#include "strata/diagnostic.h"

namespace strata {

QString SourceLocation::toString() const {
  QString text = file.isEmpty() ? QStringLiteral("<config>") : file;
  if (line > 0) text += QStringLiteral(":%1:%2").arg(line).arg(column);
  return text;
}

QString Diagnostic::toString() const {
  QString text = where.toString() + QStringLiteral(": ");
  if (!key.isEmpty()) text += key + QStringLiteral(": ");
  return text + message;
}

}  // namespace strata
