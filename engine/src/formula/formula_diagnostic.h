#pragma once
// A formula's error as the config reader reports it: at the character in the YAML (for a
// one-line formula, the key's location moved by the error's offset), keyed by the step's
// `.params.formula`, with the excerpt and caret under the message. Used where formulas are
// checked: PipelineConfig::validate (syntax, functions, types) and Pipeline::build (columns).
#include "strata/diagnostic.h"
#include "strata/formula.h"

namespace strata::formula {

inline Diagnostic formulaDiagnostic(SourceLocation at, const QString& stepPath, const QString& text,
                                    const FormulaError& error) {
  if (!text.contains(u'\n') && at.line > 0) at.column += error.begin;
  return {at, stepPath + QStringLiteral(".params.formula"), error.message + u'\n' + error.excerpt(text)};
}

}  // namespace strata::formula
