#pragma once
// "Did you mean": the closest known word to a misspelt one, for every message that names
// something unknown (a key, a plugin, a column, a formula's function).
#include <QString>
#include <QStringList>

namespace strata {

/// " (did you mean 'close'?)" when a word of `known` is within 2 edits of `word`; else empty.
QString suggestion(const QString& word, const QStringList& known);

}  // namespace strata
