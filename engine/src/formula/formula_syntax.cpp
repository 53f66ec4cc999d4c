#include "formula_syntax.h"

#include <QHash>

#include <cmath>

namespace strata::formula {
namespace {

constexpr int kMaxDepth = 64;     // nesting: a recursive-descent parser must not overflow the stack
constexpr int kMaxLength = 4000;  // characters: a formula is a line, not a program

struct Token {
  enum class Kind { Number, Text, Name, Operator, End };
  Kind kind = Kind::End;
  QString text;
  double number = 0;
  int begin = 0, end = 0;
};

bool isNameStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isNamePart(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'.'; }

class Lexer {
 public:
  explicit Lexer(const QString& text) : text_(text) {}

  /// Goes on lexing after a bad token (for highlighting, which never stops).
  void resumeAt(int pos) { pos_ = std::max(pos, pos_ + 1); }

  bool next(Token* token, FormulaError* error) {
    while (pos_ < text_.size() && text_[pos_].isSpace()) ++pos_;
    token->begin = pos_;
    if (pos_ >= text_.size()) {
      *token = {Token::Kind::End, {}, 0, pos_, pos_};
      return true;
    }
    const QChar c = text_[pos_];
    if (c.isDigit() || (c == u'.' && pos_ + 1 < text_.size() && text_[pos_ + 1].isDigit()))
      return number(token, error);
    if (isNameStart(c)) {
      while (pos_ < text_.size() && isNamePart(text_[pos_])) ++pos_;
      return finish(token, Token::Kind::Name);
    }
    if (c == u'"' || c == u'\'') return quoted(token, c, error);
    static const QStringList twoChar = {QStringLiteral("<="), QStringLiteral(">="), QStringLiteral("=="),
                                        QStringLiteral("!=")};
    if (twoChar.contains(text_.mid(pos_, 2))) {
      pos_ += 2;
      return finish(token, Token::Kind::Operator);
    }
    if (QStringLiteral("+-*/^<>(),=").contains(c)) {
      ++pos_;
      return finish(token, Token::Kind::Operator);
    }
    *error = {pos_, pos_ + 1, QStringLiteral("unexpected character '%1'").arg(c)};
    return false;
  }

 private:
  bool finish(Token* token, Token::Kind kind) {
    token->kind = kind;
    token->end = pos_;
    token->text = text_.mid(token->begin, pos_ - token->begin);
    return true;
  }

  bool number(Token* token, FormulaError* error) {
    while (pos_ < text_.size() && (text_[pos_].isDigit() || text_[pos_] == u'.')) ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == u'e' || text_[pos_] == u'E')) {
      int p = pos_ + 1;
      if (p < text_.size() && (text_[p] == u'+' || text_[p] == u'-')) ++p;
      if (p < text_.size() && text_[p].isDigit()) {
        pos_ = p;
        while (pos_ < text_.size() && text_[pos_].isDigit()) ++pos_;
      }
    }
    finish(token, Token::Kind::Number);
    bool ok = false;
    token->number = token->text.toDouble(&ok);
    if (!ok || !std::isfinite(token->number)) {
      *error = {token->begin, token->end, QStringLiteral("'%1' is not a number").arg(token->text)};
      return false;
    }
    if (pos_ < text_.size() && isNameStart(text_[pos_])) {
      *error = {token->begin, pos_ + 1, QStringLiteral("a name cannot start with a digit")};
      return false;
    }
    return true;
  }

  bool quoted(Token* token, QChar quote, FormulaError* error) {
    const int close = static_cast<int>(text_.indexOf(quote, pos_ + 1));
    if (close < 0) {
      *error = {pos_, static_cast<int>(text_.size()), QStringLiteral("text not closed: add %1").arg(quote)};
      return false;
    }
    token->kind = Token::Kind::Text;
    token->text = text_.mid(pos_ + 1, close - pos_ - 1);
    pos_ = close + 1;
    token->end = pos_;
    return true;
  }

  const QString& text_;
  int pos_ = 0;
};

class Parser {
 public:
  explicit Parser(const QString& text) : lexer_(text) {}

  std::optional<SyntaxTree> run(FormulaError* error) {
    error_ = error;
    if (!advance()) return std::nullopt;
    if (token_.kind == Token::Kind::End) return fail(token_, QStringLiteral("the formula is empty"));
    const int root = orExpr();
    if (root < 0) return std::nullopt;
    if (token_.kind != Token::Kind::End)
      return fail(token_, QStringLiteral("unexpected '%1' after a complete expression").arg(token_.text));
    tree_.root = root;
    return std::move(tree_);
  }

 private:
  bool advance() { return lexer_.next(&token_, error_); }
  bool isOperator(const char* op) const {
    return (token_.kind == Token::Kind::Operator || token_.kind == Token::Kind::Name) && token_.text == QLatin1String(op);
  }
  std::nullopt_t fail(const Token& at, const QString& message) {
    *error_ = {at.begin, std::max(at.end, at.begin + 1), message};
    return std::nullopt;
  }
  int failed(const Token& at, const QString& message) {
    fail(at, message);
    return -1;
  }

  int add(SyntaxNode node) {
    tree_.nodes.push_back(std::move(node));
    return static_cast<int>(tree_.nodes.size()) - 1;
  }
  int binary(const QString& op, int lhs, int rhs) {
    SyntaxNode n{SyntaxNode::Kind::Binary, op, 0, {lhs, rhs}, tree_.at(lhs).begin, tree_.at(rhs).end};
    return add(std::move(n));
  }

  // Left-associative levels: each reads operands of the next level joined by its operators.
  template <typename Next>
  int leftAssociative(std::initializer_list<const char*> ops, Next next) {
    int lhs = (this->*next)();
    for (;;) {
      if (lhs < 0) return -1;
      const char* matched = nullptr;
      for (const char* op : ops)
        if (isOperator(op)) matched = op;
      if (!matched) return lhs;
      if (!advance()) return -1;
      const int rhs = (this->*next)();
      if (rhs < 0) return -1;
      lhs = binary(QString::fromLatin1(matched), lhs, rhs);
    }
  }

  int orExpr() { return leftAssociative({"or"}, &Parser::andExpr); }
  int andExpr() { return leftAssociative({"and"}, &Parser::notExpr); }
  int notExpr() {
    if (!isOperator("not")) return comparison();
    return prefix(&Parser::notExpr);
  }
  int comparison() {
    const int lhs = additive();
    if (lhs < 0) return -1;
    for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
      if (!isOperator(op)) continue;
      const Token at = token_;
      if (!advance()) return -1;
      const int rhs = additive();
      if (rhs < 0) return -1;
      for (const char* again : {"<", "<=", ">", ">=", "==", "!="})
        if (isOperator(again))
          return failed(token_, QStringLiteral("comparisons do not chain: write (a < b) and (b < c)"));
      return binary(at.text, lhs, rhs);
    }
    if (isOperator("="))
      return failed(token_, QStringLiteral("'=' is not a comparison: write '=='"));
    return lhs;
  }
  int additive() { return leftAssociative({"+", "-"}, &Parser::multiplicative); }
  int multiplicative() { return leftAssociative({"*", "/"}, &Parser::unary); }
  int unary() {
    if (isOperator("-")) return prefix(&Parser::unary);
    if (isOperator("+")) {
      if (!advance()) return -1;
      return unary();
    }
    return power();
  }
  int prefix(int (Parser::*operand)()) {
    const Token op = token_;
    if (++depth_ > kMaxDepth) return failed(op, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxDepth));
    if (!advance()) return -1;
    const int arg = (this->*operand)();
    --depth_;
    if (arg < 0) return -1;
    return add({SyntaxNode::Kind::Unary, op.text, 0, {arg}, op.begin, tree_.at(arg).end});
  }
  int power() {  // right-associative, tighter than unary minus: -2^2 is -4, 2^-1 is 0.5
    const int base = primary();
    if (base < 0 || !isOperator("^")) return base;
    if (!advance()) return -1;
    if (++depth_ > kMaxDepth) return failed(token_, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxDepth));
    const int exponent = unary();
    --depth_;
    if (exponent < 0) return -1;
    return binary(QStringLiteral("^"), base, exponent);
  }

  int primary() {
    const Token t = token_;
    switch (t.kind) {
      case Token::Kind::Number:
        if (!advance()) return -1;
        return add({SyntaxNode::Kind::Number, t.text, t.number, {}, t.begin, t.end});
      case Token::Kind::Text:
        if (!advance()) return -1;
        return add({SyntaxNode::Kind::Text, t.text, 0, {}, t.begin, t.end});
      case Token::Kind::Name:
        if (t.text == u"and" || t.text == u"or")
          return failed(t, QStringLiteral("'%1' needs a value on its left").arg(t.text));
        if (!advance()) return -1;
        if (isOperator("(")) return call(t);
        return add({SyntaxNode::Kind::Name, t.text, 0, {}, t.begin, t.end});
      case Token::Kind::Operator:
        if (t.text == u"(") return parenthesised();
        return failed(t, QStringLiteral("expected a value, found '%1'").arg(t.text));
      case Token::Kind::End:
        break;
    }
    return failed(t, QStringLiteral("the formula ends where a value is expected"));
  }

  int parenthesised() {
    const Token open = token_;
    if (++depth_ > kMaxDepth) return failed(open, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxDepth));
    if (!advance()) return -1;
    const int inner = orExpr();
    --depth_;
    if (inner < 0) return -1;
    if (!isOperator(")")) return failed(token_.kind == Token::Kind::End ? open : token_, QStringLiteral("'(' not closed: expected ')'"));
    if (!advance()) return -1;
    return inner;
  }

  int call(const Token& name) {
    const Token open = token_;
    if (++depth_ > kMaxDepth) return failed(open, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxDepth));
    if (!advance()) return -1;
    SyntaxNode node{SyntaxNode::Kind::Call, name.text, 0, {}, name.begin, name.end};
    if (!isOperator(")")) {
      for (;;) {
        const int arg = orExpr();
        if (arg < 0) return -1;
        node.args.push_back(arg);
        if (isOperator(")")) break;
        if (!isOperator(","))
          return failed(token_.kind == Token::Kind::End ? open : token_,
                        QStringLiteral("%1(: expected ',' or ')'").arg(name.text));
        if (!advance()) return -1;
      }
    }
    --depth_;
    node.end = token_.end;
    if (!advance()) return -1;
    return add(std::move(node));
  }

  Lexer lexer_;
  Token token_;
  SyntaxTree tree_;
  FormulaError* error_ = nullptr;
  int depth_ = 0;
};

}  // namespace

std::optional<SyntaxTree> parse(const QString& text, FormulaError* error) {
  if (text.size() > kMaxLength) {
    *error = {kMaxLength, static_cast<int>(text.size()),
              QStringLiteral("the formula is longer than %1 characters").arg(kMaxLength)};
    return std::nullopt;
  }
  return Parser(text).run(error);
}

}  // namespace strata::formula

namespace strata {

std::vector<FormulaToken> formulaTokens(const QString& text) {
  static const QStringList keywords = {QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
                                       QStringLiteral("true"), QStringLiteral("false")};
  std::vector<FormulaToken> tokens;
  formula::Lexer lexer(text);
  formula::Token token;
  FormulaError error;
  while (true) {
    if (!lexer.next(&token, &error)) {
      tokens.push_back({FormulaToken::Kind::Invalid, error.begin, std::max(error.end, error.begin + 1)});
      lexer.resumeAt(error.end);
      continue;
    }
    using Kind = formula::Token::Kind;
    if (token.kind == Kind::End) return tokens;
    FormulaToken::Kind kind = FormulaToken::Kind::Operator;
    if (token.kind == Kind::Number) kind = FormulaToken::Kind::Number;
    if (token.kind == Kind::Text) kind = FormulaToken::Kind::Text;
    if (token.kind == Kind::Name) kind = keywords.contains(token.text) ? FormulaToken::Kind::Keyword : FormulaToken::Kind::Name;
    tokens.push_back({kind, token.begin, token.end});
  }
}

}  // namespace strata
