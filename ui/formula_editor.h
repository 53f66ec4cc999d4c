#pragma once
// The editor of a formula parameter (docs/formulas.md), built by ParamForm for a schema type
// "formula": syntax highlighting, completion of the column and function names the formula may
// use, the signature and help of the function the cursor is in (from the plugins' metadata), and
// the formula checked as you type, its error underlined and explained. It commits on Return or
// when it loses focus; what it holds is the user's text, untouched.
#include <QStringList>
#include <QWidget>

#include <vector>

class QCompleter;
class QLabel;
class QPlainTextEdit;

namespace strata {
class PluginRegistry;
struct FormulaFunction;
}

namespace strata::ui {

class FormulaHighlighter;
class FormulaText;

class FormulaEditor : public QWidget {
  Q_OBJECT
 public:
  /// `registry` (may be null: built-ins only) names the functions; `columns` are those the step
  /// may read (columnsBeforeStep).
  FormulaEditor(const QString& text, const PluginRegistry* registry, const QStringList& columns,
                QWidget* parent = nullptr);
  ~FormulaEditor() override;

  QString text() const;
  void setText(const QString& text);
  /// What is wrong with the formula as it stands (the checker's message), or empty.
  QString problem() const { return problem_; }
  /// The signature line shown for the function the cursor is in, or empty.
  QString signature() const { return signature_; }
  QPlainTextEdit* textEdit() const;
  QCompleter* completer() const { return completer_; }

 signals:
  /// Return pressed, or focus lost after a change: the text to apply (check problem() first).
  void committed(const QString& text);

 private:
  void recheck();
  void showSignature();
  void offerCompletion();
  void insertCompletion(const QString& completion);
  QString wordBeforeCursor() const;

  const PluginRegistry* registry_;
  QStringList columns_;
  std::vector<FormulaFunction> functions_;
  FormulaText* edit_;
  FormulaHighlighter* highlighter_;
  QCompleter* completer_;
  QLabel* signatureLabel_;
  QString signature_;
  QLabel* problemLabel_;
  QString problem_;
  QString committedText_;
  bool settingText_ = false;  // no completion list for text that was not typed
};

}  // namespace strata::ui
