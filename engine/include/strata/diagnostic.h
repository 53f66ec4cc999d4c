#pragma once
#include "strata/visibility.h"
#include <QString>

namespace strata {

/// Where something was written: file, 1-based line and column (0 when unknown).
struct STRATA_ENGINE_EXPORT SourceLocation {
  QString file;
  int line = 0;
  int column = 0;
  QString toString() const;  // "file:line:column"
};

/// One problem with user input, phrased for the user: "pipeline.yaml:12:15: rsi.window: 0 is
/// below the minimum 1".
struct STRATA_ENGINE_EXPORT Diagnostic {
  SourceLocation where;
  QString key;  // dotted path of the offending key, e.g. "indicators[0].params.window"
  QString message;
  QString toString() const;
};

}  // namespace strata
