// The pipeline editor's YAML tab on hostile text (issue 20, items 1 and 2): typing a stray ','
// hung the GUI thread in yaml-cpp's LoadAll, an alias bomb ate gigabytes; opening /dev/zero read
// forever. Each ends in the errors list, within a deadline, under a capped address space.
#include "alias_bomb.h"
#include "bounded_case.h"
#include "pipeline_editor.h"
#include "strata/plugin_registry.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QtTest>

#include <optional>

using namespace strata;
using hostile::withinDeadline;

namespace {
QString errorText(const ui::PipelineEditor& editor) {
  return editor.errors().join(QLatin1Char('\n'));
}
}  // namespace

class TestHostileEditor : public QObject {
  Q_OBJECT

  PluginRegistry registry_;
  std::optional<hostile::Watchdog> watchdog_;

 private slots:
  void initTestCase() {
    hostile::capAddressSpace(rlim_t(3) << 30);
    registry_.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    QVERIFY(!registry_.plugins().empty());
  }
  // The YAML tab parses on the GUI thread: a hang there stops QTRY_* too.
  void init() { watchdog_.emplace(QTest::currentTestFunction(), 20); }
  void cleanup() { watchdog_.reset(); }

  void typedStrayComma() {
    ui::PipelineEditor editor(registry_);
    editor.show();
    QVERIFY(editor.isValid());
    editor.yamlEdit()->clear();
    // Typed like a user: the tab re-parses on its timer, on the GUI thread.
    QTest::keyClicks(editor.yamlEdit(), QStringLiteral(","));
    QTRY_VERIFY_WITH_TIMEOUT(!editor.isValid(), 5000);
    QVERIFY2(errorText(editor).contains(QStringLiteral(":1:1: not valid YAML: unexpected ','")),
             qPrintable(errorText(editor)));
  }

  void aliasBombInTheTab() {
    ui::PipelineEditor editor(registry_);
    editor.setYaml(hostile::aliasBomb(), QStringLiteral("bomb.yaml"));
    QVERIFY(!editor.isValid());
    QVERIFY2(errorText(editor).contains(QStringLiteral("once aliases are expanded")),
             qPrintable(errorText(editor)));
  }

  void openDevZero() {
    ui::PipelineEditor editor(registry_);
    QString error;
    QVERIFY(!withinDeadline("opening /dev/zero", 10,
                            [&] { return editor.openFile(QStringLiteral("/dev/zero"), &error); }));
    QVERIFY2(error.contains(QStringLiteral("/dev/zero: is larger than the 16 MiB accepted")),
             qPrintable(error));
    QVERIFY(editor.isValid());  // the pipeline shown before is untouched
  }
};

QTEST_MAIN(TestHostileEditor)
#include "test_hostile_editor.moc"
