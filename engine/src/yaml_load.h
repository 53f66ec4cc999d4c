#pragma once
// The one place user YAML text (a pipeline config from a file, the GUI's YAML tab or a Parquet
// file's metadata; the settings file; a parameter typed in the form) becomes yaml-cpp nodes.
// yaml-cpp 0.7 on its own loops forever in LoadAll on a stray ',' (upstream issue 1040, growing
// memory without bound), lets a few hundred bytes of aliases stand for billions of nodes, and
// reads a NUL byte as an escape. Here the text is first walked as parser events, which bounds
// depth, documents and aliases before any node is built; then its first document is loaded
// (YAML::Load: one document, never the LoadAll loop).
#include "strata/bounded_read.h"
#include "strata/diagnostic.h"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

namespace strata {

struct YamlLimits {
  std::size_t maxBytes = kMaxYamlBytes;  // the text
  int maxDepth = 64;                     // nested sequences and mappings
  std::size_t maxNodes = 1'000'000;      // nodes once every alias is expanded
};

/// Text refused by a limit rather than by the YAML grammar; its mark says where.
class YamlLimitError : public YAML::ParserException {
 public:
  using YAML::ParserException::ParserException;
};

struct YamlDocument {
  YAML::Node root;                         // the first document (null when the text is empty)
  std::vector<YAML::Mark> laterDocuments;  // where each later document holding anything starts
};

/// Parses `text`. Throws YAML::ParserException (yaml-cpp's own, or a stray token, a control
/// character) or YamlLimitError (too large, too deep, too many nodes after expanding aliases,
/// an alias as a mapping key or inside the node it names), each with the mark where it is.
YamlDocument loadYaml(const std::string& text, const YamlLimits& limits = {});

/// What to tell the user: "not valid YAML: <yaml-cpp's words>" for the grammar, a limit's own
/// words (YamlLimitError) as they are.
QString yamlProblem(const YAML::Exception& e);

/// A yaml-cpp mark (0-based) as file:line:column (1-based; 0:0 for a null mark).
SourceLocation sourceLocation(const QString& file, const YAML::Mark& mark);

}  // namespace strata
