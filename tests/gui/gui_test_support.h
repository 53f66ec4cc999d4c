#pragma once
// What the GUI tests share: typing into a widget as a user does.
#include <QAbstractSpinBox>
#include <QLineEdit>
#include <QtTest>

namespace strata::ui::test {

/// Focuses `editor`, selects what it holds, types `text` and presses Return.
inline void typeInto(QWidget* editor, const QString& text) {
  editor->setFocus();
  if (auto* spin = qobject_cast<QAbstractSpinBox*>(editor)) spin->selectAll();
  if (auto* line = qobject_cast<QLineEdit*>(editor)) line->selectAll();
  QTest::keyClicks(editor, text);
  QTest::keyClick(editor, Qt::Key_Return);
}

}  // namespace strata::ui::test
