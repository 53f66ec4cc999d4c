// The formula editor as a user drives it, offscreen: typing highlights names by what they are,
// a mistake is underlined and explained as it is typed, the signature and help of the function
// the cursor is in follow the cursor, names complete from the registry and from the columns the
// step may read (earlier steps' included), and only a formula that checks is applied.
#include "formula_editor.h"
#include "param_form.h"
#include "pipeline_editor.h"
#include "step_forms.h"
#include "strata/pipeline.h"
#include "strata/plugin_registry.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>
#include <QtTest>

#include "gui_test_support.h"

using namespace strata;
using namespace strata::ui;
using strata::ui::test::screenshot;

namespace {

// The character format the highlighter gave position `at` of the first line.
QTextCharFormat formatAt(QPlainTextEdit* edit, int at) {
  for (const QTextLayout::FormatRange& range : edit->document()->firstBlock().layout()->formats())
    if (range.start <= at && at < range.start + range.length) return range.format;
  return {};
}

void placeCursor(QPlainTextEdit* edit, int position) {
  QTextCursor cursor = edit->textCursor();
  cursor.setPosition(position);
  edit->setTextCursor(cursor);
}

void typeFresh(FormulaEditor* editor, const QString& text) {
  QPlainTextEdit* edit = editor->textEdit();
  edit->setFocus();
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, text);
  editor->completer()->popup()->hide();
}

}  // namespace

class FormulaEditorTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(registry_.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR)) >= 11); }

  void highlightsByKind() {
    FormulaEditor editor(QStringLiteral("(close - sma(close, 20)) / stddev(close, 20) and not volume"), &registry_,
                         kBarColumns);
    QPlainTextEdit* edit = editor.textEdit();
    QVERIFY2(editor.problem().contains(QStringLiteral("needs a condition")), qPrintable(editor.problem()));  // a type error
    const QColor column = formatAt(edit, 1).foreground().color(), function = formatAt(edit, 9).foreground().color();
    QVERIFY(column != function);
    QCOMPARE(formatAt(edit, 9).fontWeight(), int(QFont::Bold));                        // sma: a function
    QCOMPARE(formatAt(edit, 13).foreground().color(), column);                         // close in the call
    QVERIFY(formatAt(edit, 20).foreground().color() != column);                        // 20: a number
    QCOMPARE(formatAt(edit, 45).fontWeight(), int(QFont::Bold));                       // and: a keyword
  }

  void mistakesAreMarkedAsTyped() {
    FormulaEditor editor(QStringLiteral("close"), &registry_, kBarColumns);
    editor.show();
    typeFresh(&editor, QStringLiteral("(close - sma(clsoe, 20)) / stddev(close, 20)"));
    QCOMPARE(editor.problem(), QStringLiteral("unknown column 'clsoe' (did you mean 'close'?)"));
    auto* problem = editor.findChild<QLabel*>(QStringLiteral("formula_problem"));
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), editor.problem());
    QCOMPARE(formatAt(editor.textEdit(), 14).underlineStyle(), QTextCharFormat::WaveUnderline);  // under clsoe
    QVERIFY(formatAt(editor.textEdit(), 2).underlineStyle() != QTextCharFormat::WaveUnderline);
    typeFresh(&editor, QStringLiteral("close / lag(close, -1)"));
    QVERIFY2(editor.problem().contains(QStringLiteral("look-ahead")), qPrintable(editor.problem()));
    typeFresh(&editor, QStringLiteral("rsi(close, 14"));
    QVERIFY(!editor.problem().isEmpty());
    QTest::keyClicks(editor.textEdit(), QStringLiteral(")"));
    QCOMPARE(editor.problem(), QString());
    QVERIFY(problem->isHidden());
  }

  void signatureFollowsTheCursor() {
    FormulaEditor editor(QStringLiteral("cross_above(ema(close, 5), rsi(close, 14))"), &registry_, kBarColumns);
    editor.show();
    QPlainTextEdit* edit = editor.textEdit();
    placeCursor(edit, 17);  // inside ema(
    QCOMPARE(editor.signature(), QStringLiteral("ema(close, window = 30)"));
    auto* label = editor.findChild<QLabel*>(QStringLiteral("formula_signature"));
    QVERIFY(label->isVisible());
    QVERIFY(label->text().contains(QStringLiteral("<b>close</b>")));  // the argument being typed
    placeCursor(edit, 38);  // rsi's second argument
    QVERIFY(editor.signature().startsWith(QStringLiteral("rsi(close, window = 14")));
    QVERIFY(label->text().contains(QStringLiteral("<b>window = 14</b>")));
    QVERIFY(label->text().contains(QStringLiteral("Relative Strength Index")));  // the plugin's help
    placeCursor(edit, 26);  // between the two calls: cross_above's second argument
    QVERIFY(editor.signature().startsWith(QStringLiteral("cross_above(a, b)")));
    placeCursor(edit, 0);
    QVERIFY(label->isHidden());
  }

  void namesComplete() {
    FormulaEditor editor(QString(), &registry_, kBarColumns + QStringList{QStringLiteral("rsi_fast")});
    editor.show();
    QPlainTextEdit* edit = editor.textEdit();
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("(vol"));
    QAbstractItemView* list = editor.completer()->popup();
    QTRY_VERIFY(list->isVisible());
    QCOMPARE(editor.completer()->currentCompletion(), QStringLiteral("volume"));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(editor.text(), QStringLiteral("(volume"));  // a column: no parenthesis
    QTest::keyClicks(edit, QStringLiteral(" - roll"));
    QTRY_VERIFY(list->isVisible());
    QVERIFY(editor.completer()->completionCount() >= 5);  // rolling_max, _mean, _min, _std, _sum
    QTest::keyClicks(edit, QStringLiteral("ing_m"));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(editor.completer()->popup()->currentIndex().data().toString(), QStringLiteral("rolling_mean"));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(editor.text(), QStringLiteral("(volume - rolling_mean("));  // a function: its parenthesis
    QTest::keyClicks(edit, QStringLiteral("rsi_f"));
    QTRY_VERIFY(list->isVisible());
    QCOMPARE(editor.completer()->currentCompletion(), QStringLiteral("rsi_fast"));  // an earlier step's column
    QTest::keyClick(list, Qt::Key_Escape);
    QVERIFY(!list->isVisible());
  }

  void onlyAFormulaThatChecksIsApplied() {
    const LoadedPlugin* expression = registry_.find(QStringLiteral("expression"));
    QVERIFY(expression);
    ParamForm form(expression->info.params, {}, nullptr, {&registry_, kBarColumns});
    form.show();
    auto* editor = qobject_cast<FormulaEditor*>(form.editor(QStringLiteral("formula")));
    QVERIFY(editor);
    QSignalSpy changes(&form, &ParamForm::valueChanged);
    typeFresh(editor, QStringLiteral("sma(close, 10) / sma(close, 50) -"));
    QTest::keyClick(editor->textEdit(), Qt::Key_Return);
    QCOMPARE(changes.count(), 0);
    QVERIFY(!form.refusal(QStringLiteral("formula")).isEmpty());
    QTest::keyClicks(editor->textEdit(), QStringLiteral(" 1"));
    QTest::keyClick(editor->textEdit(), Qt::Key_Return);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.front().at(1).toString(), QStringLiteral("sma(close, 10) / sma(close, 50) - 1"));
    QVERIFY(form.refusal(QStringLiteral("formula")).isEmpty());
    QTest::keyClick(editor->textEdit(), Qt::Key_Return);  // unchanged: nothing new to apply
    QCOMPARE(changes.count(), 1);
  }

  void earlierStepsColumnsInThePipelineEditor() {
    PipelineEditor pipeline(registry_);
    pipeline.resize(1100, 640);
    pipeline.show();
    pipeline.setYaml(QStringLiteral("indicators:\n  - plugin: rsi\n    params: {window: 14}\n"
                                    "  - plugin: expression\n    params: {name: rsi_z, formula: \"rsi - 50\"}\n"),
                     QStringLiteral("formulas.yaml"));
    auto* tree = pipeline.findChild<QTreeWidget*>(QStringLiteral("pipelineTree"));
    QTreeWidgetItem* step = tree->topLevelItem(0)->child(1);
    QVERIFY(step->text(0).startsWith(QStringLiteral("expression")));
    tree->setCurrentItem(step);
    auto* editor = pipeline.currentForm()->findChild<FormulaEditor*>();
    QVERIFY(editor);
    QCOMPARE(editor->problem(), QString());  // rsi: the first step's column
    typeFresh(editor, QStringLiteral("(rsi - rolling_mean(rsi, 20)) / rolling_std(rsi, 20) + sma(clsoe"));
    QTest::keyClicks(editor->textEdit(), QStringLiteral(", 5)"));
    QCOMPARE(editor->problem(), QStringLiteral("unknown column 'clsoe' (did you mean 'close'?)"));
    placeCursor(editor->textEdit(), 61);
    QVERIFY(editor->signature().startsWith(QStringLiteral("sma(close, window = 30)")));
    QWidget* form = pipeline.currentForm();
    screenshot(form, QStringLiteral("formula-editor"));

    // The completion list, drawn where it opens over the form.
    typeFresh(editor, QStringLiteral("(rsi - rolling_mean(rsi, 20)) / ro"));
    QTest::keyClicks(editor->textEdit(), QStringLiteral("l"));
    QAbstractItemView* list = editor->completer()->popup();
    QTRY_VERIFY(list->isVisible());
    QTest::qWait(150);
    QPixmap picture = form->grab();
    QPainter painter(&picture);
    painter.drawPixmap(form->mapFromGlobal(list->mapToGlobal(QPoint(0, 0))), list->grab());
    painter.end();
    QDir().mkpath(QStringLiteral(STRATA_SCREENSHOT_DIR));
    QVERIFY(picture.save(QStringLiteral(STRATA_SCREENSHOT_DIR "/formula-completion.png")));
  }

 private:
  PluginRegistry registry_;
};

QTEST_MAIN(FormulaEditorTest)
#include "test_formula_editor.moc"
