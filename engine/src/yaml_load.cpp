#include "yaml_load.h"

#include <yaml-cpp/eventhandler.h>

#include <cstdio>
#include <sstream>
#include <unordered_map>

namespace strata {
namespace {

YAML::Mark markAt(int pos, int line, int column) {
  YAML::Mark m;
  m.pos = pos;
  m.line = line;
  m.column = column;
  return m;
}

// YAML allows no C0 control character but tab, LF and CR, and no DEL, even quoted; yaml-cpp
// takes a NUL for an escape ("unknown escape character") or a leading one for UTF-16/32. A CR
// must end a line with its LF: yaml-cpp 0.7 reads a lone CR as part of a value ("plugin: rsi\r"),
// which the writer then ends a line with, so the text written back read back differently.
void refuseControlCharacters(const std::string& text) {
  int line = 0, column = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line, column = 0;
      continue;
    }
    if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "0x%02X", c);
      throw YAML::ParserException(markAt(static_cast<int>(i), line, column),
                                  std::string(c == 0 ? "a NUL byte" : "a control character") +
                                      " (" + code + ") is not allowed in YAML text");
    }
    if (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))
      throw YAML::ParserException(markAt(static_cast<int>(i), line, column),
                                  "a carriage return (0x0D) not followed by a line feed is not "
                                  "allowed in YAML text: end lines with LF or CR LF");
    if ((c & 0xc0) != 0x80) ++column;  // columns count characters, not UTF-8 bytes
  }
}

// Walks the parser's events and refuses, before a node exists, what would hang the loader or
// multiply its work: a document that consumes nothing (the LoadAll loop), nesting beyond the
// limit, aliases that form a cycle, stand for a key or expand past the node limit.
class Walker : public YAML::EventHandler {
 public:
  Walker(const std::string& text, const YamlLimits& limits) : text_(text), limits_(limits) {}

  std::vector<YAML::Mark> laterDocuments;

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 starts a new, empty document at a token it cannot use without consuming it.
    if (documents_ > 0 && mark.pos == lastDocumentStart_.pos)
      throw YAML::ParserException(mark, unexpected(mark));
    ++documents_;
    lastDocumentStart_ = mark;
    total_ = 0;
    open_.clear();
    anchors_.clear();
    rootSeen_ = false;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    node(mark, false);
    add(1, mark);
    finish(anchor, 1);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    node(mark, true);
    add(1, mark);
    finish(anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Anchor& named = anchors_[anchor];
    if (!open_.empty() && open_.back().map && open_.back().children % 2 == 0)
      throw YamlLimitError(mark, "an alias (*" + named.name + ") cannot be a mapping key");
    if (named.open)
      throw YamlLimitError(mark, "alias *" + named.name + " is inside the node it names (a cycle)");
    node(mark, true);
    add(named.nodes, mark, named.name);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start(mark, anchor, false);
  }
  void OnSequenceEnd() override { end(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    start(mark, anchor, true);
  }
  void OnMapEnd() override { end(); }
  void OnAnchor(const YAML::Mark&, const std::string& name) override { pendingName_ = name; }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::size_t totalBefore;  // nodes of the document before this one
    bool map;
    std::size_t children = 0;
  };
  struct Anchor {
    std::string name;
    bool open = false;      // its node has begun and not ended
    std::size_t nodes = 0;  // its node's size with aliases expanded
  };

  std::string unexpected(const YAML::Mark& mark) const {
    const auto pos = static_cast<std::size_t>(mark.pos);
    if (pos >= text_.size()) return "unexpected end of the text";
    return std::string("unexpected '") + text_[pos] + "' (a mapping or a sequence was expected)";
  }

  // Every node event: counts the parent's children; a later document's first node that holds
  // anything is recorded.
  void node(const YAML::Mark& mark, bool holdsSomething) {
    if (!open_.empty()) ++open_.back().children;
    if (open_.empty() && !rootSeen_) {
      rootSeen_ = true;
      if (documents_ > 1 && holdsSomething) laterDocuments.push_back(mark);
    }
  }
  void add(std::size_t nodes, const YAML::Mark& mark, const std::string& alias = {}) {
    if (nodes > limits_.maxNodes - total_)
      throw YamlLimitError(
          mark,
          "more than " + std::to_string(limits_.maxNodes) + " values" +
              (alias.empty() ? std::string() : " once aliases are expanded (at *" + alias + ")"));
    total_ += nodes;
  }
  void finish(YAML::anchor_t anchor, std::size_t nodes) {
    if (anchor == YAML::NullAnchor) return;
    Anchor& a = anchors_[anchor];
    a.name = pendingName_;
    a.open = false;
    a.nodes = nodes;
  }
  void start(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    node(mark, true);
    if (static_cast<int>(open_.size()) >= limits_.maxDepth)
      throw YamlLimitError(mark,
                           "nested more than " + std::to_string(limits_.maxDepth) + " levels deep");
    add(1, mark);
    open_.push_back({anchor, total_ - 1, map});
    if (anchor != YAML::NullAnchor) {
      Anchor& a = anchors_[anchor];
      a.name = pendingName_;
      a.open = true;
    }
  }
  void end() {
    const Open closed = open_.back();
    open_.pop_back();
    if (closed.anchor != YAML::NullAnchor) {
      Anchor& a = anchors_[closed.anchor];
      a.open = false;
      a.nodes = total_ - closed.totalBefore;
    }
  }

  const std::string& text_;
  const YamlLimits& limits_;
  int documents_ = 0;
  YAML::Mark lastDocumentStart_;
  std::size_t total_ = 0;
  bool rootSeen_ = false;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, Anchor> anchors_;
  std::string pendingName_;
};

}  // namespace

YamlDocument loadYaml(const std::string& text, const YamlLimits& limits) {
  if (text.size() > limits.maxBytes)
    throw YamlLimitError(YAML::Mark::null_mark(),
                         "the text is " + std::to_string(text.size()) + " bytes, more than the " +
                             std::to_string(limits.maxBytes >> 20) + " MiB accepted");
  refuseControlCharacters(text);
  Walker walker(text, limits);
  {
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(walker)) {
    }
  }
  return {YAML::Load(text), std::move(walker.laterDocuments)};
}

QString yamlProblem(const YAML::Exception& e) {
  const QString message = QString::fromStdString(e.msg);
  if (dynamic_cast<const YamlLimitError*>(&e)) return message;
  return QStringLiteral("not valid YAML: %1").arg(message);
}

SourceLocation sourceLocation(const QString& file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

}  // namespace strata
