#pragma once
// The formula language's syntax (docs/formulas.md): text to a tree, every node with the span
// of text it came from so that a later error can point at it.
//   or < and < not < comparison < + - < * / < unary - < ^ < call, name, number, "text", ( )
#include "strata/formula.h"

#include <QString>

#include <optional>
#include <vector>

namespace strata::formula {

struct SyntaxNode {
  enum class Kind { Number, Text, Name, Call, Unary, Binary };
  Kind kind = Kind::Number;
  QString text;  // the name, the function, the operator ("-", "not", "+", "<=", "and", ...)
  double number = 0;
  std::vector<int> args;  // indices into SyntaxTree::nodes
  int begin = 0, end = 0;  // [begin, end) in the formula text
};

struct SyntaxTree {
  std::vector<SyntaxNode> nodes;
  int root = -1;
  const SyntaxNode& at(int i) const { return nodes[static_cast<std::size_t>(i)]; }
};

/// Parses a whole formula; nullopt with `error` (its span) when it is not well formed.
std::optional<SyntaxTree> parse(const QString& text, FormulaError* error);

}  // namespace strata::formula
