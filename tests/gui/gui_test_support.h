#pragma once
// What the GUI tests share: typing into a widget as a user does, screenshots.
#include <QAbstractSpinBox>
#include <QDir>
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

#ifdef STRATA_SCREENSHOT_DIR
/// Saves `widget` as STRATA_SCREENSHOT_DIR/<name>.png (build/screenshots/).
inline void screenshot(QWidget* widget, const QString& name) {
  QTest::qWait(150);  // let layouts and Qt Charts' deferred geometry settle, as a paint would
  QDir().mkpath(QStringLiteral(STRATA_SCREENSHOT_DIR));
  const QString path = QStringLiteral(STRATA_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
  QVERIFY2(widget->grab().save(path), qPrintable(path));
}
#endif

}  // namespace strata::ui::test
