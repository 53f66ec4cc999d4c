#include "formula_editor.h"

#include "strata/formula.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSet>
#include <QStringListModel>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <optional>

namespace strata::ui {

// The text box: Return applies (a formula is one line) unless the completion list is open, in
// which case Return, Tab and Escape are the list's.
class FormulaText : public QPlainTextEdit {
 public:
  using QPlainTextEdit::QPlainTextEdit;
  std::function<void()> onCommit;
  QCompleter* completer = nullptr;

 protected:
  void keyPressEvent(QKeyEvent* event) override {
    const int key = event->key();
    const bool listOpen = completer && completer->popup()->isVisible();
    if (listOpen && (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Tab ||
                     key == Qt::Key_Backtab || key == Qt::Key_Escape)) {
      event->ignore();
      return;
    }
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
      if (onCommit) onCommit();
      return;
    }
    QPlainTextEdit::keyPressEvent(event);
  }
  void focusOutEvent(QFocusEvent* event) override {
    QPlainTextEdit::focusOutEvent(event);
    if (onCommit && !(completer && completer->popup()->isVisible())) onCommit();
  }
};

// Colours by token: functions the registry knows, columns the step may read, numbers, text,
// keywords and operators; the checker's error span gets a red wavy underline.
class FormulaHighlighter : public QSyntaxHighlighter {
 public:
  FormulaHighlighter(QTextDocument* document, QSet<QString> functions, QSet<QString> columns)
      : QSyntaxHighlighter(document), functions_(std::move(functions)), columns_(std::move(columns)) {}

  void setError(int begin, int end) {
    if (begin == errorBegin_ && end == errorEnd_) return;
    errorBegin_ = begin;
    errorEnd_ = end;
    rehighlight();
  }

 protected:
  void highlightBlock(const QString& text) override {
    const std::vector<FormulaToken> tokens = formulaTokens(text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const FormulaToken& t = tokens[i];
      const bool called = i + 1 < tokens.size() && text.mid(tokens[i + 1].begin, 1) == u"(";
      setFormat(t.begin, t.end - t.begin, formatOf(t.kind, text.mid(t.begin, t.end - t.begin), called));
    }
    const int offset = currentBlock().position();
    const int from = std::max(0, errorBegin_ - offset), to = std::min(static_cast<int>(text.size()), errorEnd_ - offset);
    for (int i = from; errorBegin_ >= 0 && i < std::max(to, from + 1) && i < text.size(); ++i) {
      QTextCharFormat f = format(i);
      f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
      f.setUnderlineColor(QColor(0xc0, 0x39, 0x2b));
      setFormat(i, 1, f);
    }
  }

 private:
  QTextCharFormat formatOf(FormulaToken::Kind kind, const QString& word, bool called) const {
    QTextCharFormat f;
    switch (kind) {
      case FormulaToken::Kind::Number: f.setForeground(QColor(0x1f, 0x5f, 0xa8)); break;
      case FormulaToken::Kind::Text: f.setForeground(QColor(0x8c, 0x56, 0x4b)); break;
      case FormulaToken::Kind::Keyword:
        f.setForeground(QColor(0xa0, 0x40, 0x00));
        f.setFontWeight(QFont::Bold);
        break;
      case FormulaToken::Kind::Operator: f.setForeground(QColor(0x55, 0x55, 0x55)); break;
      case FormulaToken::Kind::Invalid: f.setForeground(QColor(0xc0, 0x39, 0x2b)); break;
      case FormulaToken::Kind::Name:
        if (called && functions_.contains(word)) {
          f.setForeground(QColor(0x6a, 0x3d, 0x9a));
          f.setFontWeight(QFont::Bold);
        } else if (!called && columns_.contains(word)) {
          f.setForeground(QColor(0x2c, 0x7a, 0x2c));
        }
        break;
    }
    return f;
  }

  QSet<QString> functions_, columns_;
  int errorBegin_ = -1, errorEnd_ = -1;
};

namespace {

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'.'; }

// The function whose parentheses hold `position`, and which of its arguments it is in.
struct OpenCall {
  QString function;
  int argument = 0;
};

std::optional<OpenCall> callAt(const QString& text, int position) {
  std::vector<OpenCall> open;
  const std::vector<FormulaToken> tokens = formulaTokens(text);
  for (std::size_t i = 0; i < tokens.size() && tokens[i].end <= position; ++i) {
    const QString word = text.mid(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (tokens[i].kind != FormulaToken::Kind::Operator) continue;
    if (word == u"(") {
      const bool named = i > 0 && tokens[i - 1].kind == FormulaToken::Kind::Name;
      open.push_back({named ? text.mid(tokens[i - 1].begin, tokens[i - 1].end - tokens[i - 1].begin) : QString(), 0});
    } else if (word == u")" && !open.empty()) {
      open.pop_back();
    } else if (word == u"," && !open.empty()) {
      ++open.back().argument;
    }
  }
  for (auto it = open.rbegin(); it != open.rend(); ++it)
    if (!it->function.isEmpty()) return *it;
  return std::nullopt;
}

// "rsi(close, window = 14)" with argument `bold` in bold (HTML).
QString signatureHtml(const QString& signature, int bold) {
  const qsizetype open = signature.indexOf(u'('), close = signature.indexOf(u')');
  if (open < 0 || close < open) return signature.toHtmlEscaped();
  QStringList arguments = signature.mid(open + 1, close - open - 1).split(QStringLiteral(", "));
  for (int i = 0; i < arguments.size(); ++i) {
    arguments[i] = arguments[i].toHtmlEscaped();
    if (i == std::min(bold, static_cast<int>(arguments.size()) - 1)) arguments[i] = QStringLiteral("<b>%1</b>").arg(arguments[i]);
  }
  return QStringLiteral("<b>%1</b>(%2)%3")
      .arg(signature.left(open).toHtmlEscaped(), arguments.join(QStringLiteral(", ")), signature.mid(close + 1).toHtmlEscaped());
}

}  // namespace

FormulaEditor::FormulaEditor(const QString& text, const PluginRegistry* registry, const QStringList& columns,
                             QWidget* parent)
    : QWidget(parent), registry_(registry), columns_(columns), functions_(formulaFunctions(registry)) {
  QStringList names = columns_, functionNames;
  for (const FormulaFunction& f : functions_) functionNames << f.name;
  names << functionNames;
  names.removeDuplicates();
  names.sort(Qt::CaseInsensitive);

  edit_ = new FormulaText(this);
  edit_->setObjectName(QStringLiteral("formula_text"));
  edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  edit_->setTabChangesFocus(true);
  edit_->setFixedHeight(edit_->fontMetrics().lineSpacing() * 3 + 12);
  edit_->setPlainText(text);
  highlighter_ = new FormulaHighlighter(edit_->document(), QSet<QString>(functionNames.begin(), functionNames.end()),
                                        QSet<QString>(columns_.begin(), columns_.end()));
  completer_ = new QCompleter(new QStringListModel(names, this), this);
  completer_->setWidget(edit_);
  completer_->setCaseSensitivity(Qt::CaseInsensitive);
  completer_->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
  completer_->popup()->setObjectName(QStringLiteral("formula_completions"));
  edit_->completer = completer_;
  signatureLabel_ = new QLabel(this);
  signatureLabel_->setObjectName(QStringLiteral("formula_signature"));
  signatureLabel_->setWordWrap(true);
  signatureLabel_->setTextFormat(Qt::RichText);
  signatureLabel_->setStyleSheet(QStringLiteral("color: #444;"));
  problemLabel_ = new QLabel(this);
  problemLabel_->setObjectName(QStringLiteral("formula_problem"));
  problemLabel_->setWordWrap(true);
  problemLabel_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit_);
  layout->addWidget(signatureLabel_);
  layout->addWidget(problemLabel_);

  committedText_ = text;
  edit_->onCommit = [this] {
    if (this->text() == committedText_) return;
    committedText_ = this->text();
    emit committed(committedText_);
  };
  connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, &FormulaEditor::insertCompletion);
  connect(edit_, &QPlainTextEdit::textChanged, this, &FormulaEditor::recheck);
  connect(edit_, &QPlainTextEdit::cursorPositionChanged, this, &FormulaEditor::showSignature);
  connect(edit_->document(), &QTextDocument::contentsChange, this, [this](int, int, int added) {
    if (added > 0 && !settingText_) offerCompletion();  // typing, not setText
  });
  recheck();
  showSignature();
}

FormulaEditor::~FormulaEditor() = default;

QString FormulaEditor::text() const { return edit_->toPlainText(); }

void FormulaEditor::setText(const QString& text) {
  settingText_ = true;
  edit_->setPlainText(text);
  settingText_ = false;
  committedText_ = text;
}

QPlainTextEdit* FormulaEditor::textEdit() const { return edit_; }

void FormulaEditor::recheck() {
  FormulaError error;
  const bool ok = checkFormula(text(), columns_, registry_, &error);
  problem_ = ok ? QString() : error.message;
  problemLabel_->setText(problem_);
  problemLabel_->setVisible(!ok);
  highlighter_->setError(ok ? -1 : error.begin, ok ? -1 : error.end);
}

void FormulaEditor::showSignature() {
  const std::optional<OpenCall> call = callAt(text(), edit_->textCursor().position());
  const auto found = call ? std::find_if(functions_.begin(), functions_.end(),
                                         [&](const FormulaFunction& f) { return f.name == call->function; })
                          : functions_.end();
  signature_ = found == functions_.end() ? QString() : found->signature;
  signatureLabel_->setVisible(!signature_.isEmpty());
  signatureLabel_->setText(signature_.isEmpty() ? QString()
                                                : signatureHtml(found->signature, call->argument) + QStringLiteral("<br>") +
                                                      found->help.toHtmlEscaped());
}

QString FormulaEditor::wordBeforeCursor() const {
  const QString all = text();
  int begin = edit_->textCursor().position();
  while (begin > 0 && isWordChar(all[begin - 1])) --begin;
  const QString word = all.mid(begin, edit_->textCursor().position() - begin);
  return word.isEmpty() || word[0].isDigit() ? QString() : word;
}

void FormulaEditor::offerCompletion() {
  const QString word = wordBeforeCursor();
  QAbstractItemView* list = completer_->popup();
  if (word.isEmpty()) {
    list->hide();
    return;
  }
  completer_->setCompletionPrefix(word);
  const bool onlyItself = completer_->completionCount() == 1 && completer_->currentCompletion() == word;
  if (completer_->completionCount() == 0 || onlyItself) {
    list->hide();
    return;
  }
  list->setCurrentIndex(completer_->completionModel()->index(0, 0));
  QRect at = edit_->cursorRect();
  at.setWidth(list->sizeHintForColumn(0) + list->verticalScrollBar()->sizeHint().width());
  completer_->complete(at);
}

void FormulaEditor::insertCompletion(const QString& completion) {
  QTextCursor cursor = edit_->textCursor();
  const int typed = static_cast<int>(wordBeforeCursor().size());
  cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
  const bool function = std::any_of(functions_.begin(), functions_.end(),
                                    [&](const FormulaFunction& f) { return f.name == completion; }) &&
                        !columns_.contains(completion);
  const bool parenthesisFollows = text().mid(cursor.selectionEnd(), 1) == u"(";
  cursor.insertText(completion + (function && !parenthesisFollows ? QStringLiteral("(") : QString()));
  edit_->setTextCursor(cursor);
  completer_->popup()->hide();
}

}  // namespace strata::ui
