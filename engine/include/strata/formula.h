#pragma once
// User formulas (docs/formulas.md): the `expression` step's language. A formula is compiled
// once into a graph of column operations and evaluated a column at a time; it reads only the
// current and earlier rows (lag and diff shift forward only), so it cannot look ahead.
#include "strata/visibility.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace strata {

class PluginRegistry;

/// What is wrong with a formula and where: [begin, end) in its text.
struct STRATA_ENGINE_EXPORT FormulaError {
  int begin = 0;
  int end = 0;
  QString message;
  /// Two lines: the formula (around the error when long) and a caret under [begin, end).
  QString excerpt(const QString& formula) const;
};

/// A function a formula may call, described for an editor's completion and help.
struct STRATA_ENGINE_EXPORT FormulaFunction {
  QString name;       // "lag", "rsi", "bollinger.bb_upper"
  QString signature;  // "rsi(close, window = 14, smoothing = sma)"
  QString help;       // what it computes: the built-in's meaning, the plugin's name and description
};

/// Every function a formula may call (the built-ins and `registry`'s indicators), by name.
STRATA_ENGINE_EXPORT std::vector<FormulaFunction> formulaFunctions(const PluginRegistry* registry);

/// One token of a formula, for highlighting. Lexing never fails: an unexpected character, an
/// unclosed quote or a malformed number is an Invalid token and lexing goes on after it.
struct STRATA_ENGINE_EXPORT FormulaToken {
  enum class Kind { Number, Text, Name, Keyword, Operator, Invalid };
  Kind kind = Kind::Invalid;
  int begin = 0, end = 0;  // [begin, end) in the text
};

STRATA_ENGINE_EXPORT std::vector<FormulaToken> formulaTokens(const QString& formula);

/// The function names a formula may call: the built-in ones and every plugin in `registry`
/// with one output per call (completion, "did you mean").
STRATA_ENGINE_EXPORT QStringList formulaFunctionNames(const PluginRegistry* registry);

/// Checks a formula's syntax, functions, arity and types without knowing the columns it will
/// read (every name is taken for a column). True when it could run; otherwise `error`.
STRATA_ENGINE_EXPORT bool checkFormula(const QString& formula, const PluginRegistry* registry,
                                       FormulaError* error);

/// The same, knowing the columns it may read: an unknown column is an error too (with "did you
/// mean"), as when the pipeline is planned.
STRATA_ENGINE_EXPORT bool checkFormula(const QString& formula, const QStringList& columns,
                                       const PluginRegistry* registry, FormulaError* error);

}  // namespace strata
