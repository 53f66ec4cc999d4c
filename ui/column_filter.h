#pragma once
// The column search of the feature table and the chart's picker: text matches case-insensitively
// anywhere in a name; with * or ? it is a wildcard pattern (`close*`, `*_lag_1?`).
#include <QRegularExpression>
#include <QString>

namespace strata::ui {

class ColumnFilter {
 public:
  explicit ColumnFilter(const QString& text)
      : text_(text.trimmed()),
        wildcard_(text_.contains(QLatin1Char('*')) || text_.contains(QLatin1Char('?'))),
        pattern_(QRegularExpression::wildcardToRegularExpression(
                     text_, QRegularExpression::UnanchoredWildcardConversion),
                 QRegularExpression::CaseInsensitiveOption) {}

  bool matches(const QString& name) const {
    if (text_.isEmpty()) return true;
    return wildcard_ ? pattern_.match(name).hasMatch() : name.contains(text_, Qt::CaseInsensitive);
  }

 private:
  QString text_;
  bool wildcard_;
  QRegularExpression pattern_;
};

}  // namespace strata::ui
