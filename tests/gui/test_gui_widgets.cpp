// The schema-built forms and the pipeline editor, driven through their real widgets: a plugin's
// schema becomes spin boxes with its ranges, combos with its choices and tooltips with its
// help; a value the schema refuses is refused at the widget with the reason; form and YAML tab
// stay in sync both ways; validation errors are shown at their line. The export dialog shows a
// float32 run as float32. Browsing distributions frees each histogram's series.
#include "add_step_menu.h"
#include "distribution_view.h"
#include "export_dialog.h"
#include "formula_editor.h"
#include "param_form.h"
#include "pipeline_editor.h"
#include "plugins_dialog.h"
#include "strata/plugin_registry.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QListWidget>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextCursor>
#include <QTextDocument>
#include <QtTest>

#include "gui_test_support.h"

using namespace strata;
using namespace strata::ui;
using strata::ui::test::typeInto;
#ifdef STRATA_SCREENSHOT_DIR
using strata::ui::test::screenshot;
#endif

namespace {

std::shared_ptr<const RunOutcome> outcomeOf(Precision precision) {
  auto outcome = std::make_shared<RunOutcome>();
  FeatureSet features;
  features.timestamps = {0, 60'000'000};
  features.columns = {QStringLiteral("rsi")};
  features.matrix = ColumnMatrix(2, 1, precision);
  TimeframeResult result;
  result.features = std::make_shared<const FeatureSet>(std::move(features));
  outcome->result.perTimeframe.push_back(std::move(result));
  return outcome;
}

/// `rows` bars of timeframe `name` with features a and b.
TimeframeResult twoFeatures(const QString& name, int rows) {
  FeatureSet features;
  features.columns = {QStringLiteral("a"), QStringLiteral("b")};
  features.matrix = ColumnMatrix(rows, 2);
  for (int r = 0; r < rows; ++r) {
    features.timestamps.push_back(r * 86'400'000'000LL);
    features.matrix.column(0)[std::size_t(r)] = r % 7;
    features.matrix.column(1)[std::size_t(r)] = r % 3;
  }
  TimeframeResult result;
  result.timeframe = *Timeframe::parse(name);
  result.features = std::make_shared<const FeatureSet>(std::move(features));
  return result;
}

/// The histogram's series and each area's boundary series, as pointers that tell when freed.
std::vector<QPointer<QObject>> histogramSeries(const DistributionView& view) {
  std::vector<QPointer<QObject>> out;
  auto* chart = view.findChild<QChartView*>(QStringLiteral("histogramChart"))->chart();
  for (QAbstractSeries* series : chart->series()) {
    out.emplace_back(series);
    if (auto* area = qobject_cast<QAreaSeries*>(series)) {
      out.emplace_back(area->upperSeries());
      out.emplace_back(area->lowerSeries());
    }
  }
  return out;
}

}  // namespace

class TestGuiWidgets : public QObject {
  Q_OBJECT
  PluginRegistry registry_;

 private slots:
  void initTestCase() {
    QVERIFY(registry_.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR)) >= 11);
  }

  // A float32 run is written as float32 whatever the box says: the box says so and is locked.
  void exportDialogShowsAFloat32Run() {
    ExportDialog single(outcomeOf(Precision::Float32));
    auto* box = single.findChild<QCheckBox*>(QStringLiteral("exportFloat32"));
    QVERIFY(box);
    QVERIFY(box->isChecked());
    QVERIFY(!box->isEnabled());
    ExportDialog doubles(outcomeOf(Precision::Float64));
    box = doubles.findChild<QCheckBox*>(QStringLiteral("exportFloat32"));
    QVERIFY(box && !box->isChecked() && box->isEnabled());
  }

  void formFollowsEverySchema() {
    // Every loaded plugin gets a form: one editor per parameter, of the schema's kind and range.
    for (const LoadedPlugin& plugin : registry_.plugins()) {
      ParamForm form(plugin.info.params, {});
      for (const ParamSpec& spec : plugin.info.params) {
        QWidget* editor = form.editor(spec.name);
        QVERIFY2(editor, qPrintable(plugin.info.id + QLatin1Char('.') + spec.name));
        QVERIFY(editor->toolTip().contains(spec.help));
        switch (spec.type) {
          case ParamType::Int: {
            auto* box = qobject_cast<QSpinBox*>(editor);
            QVERIFY(box);
            if (spec.min) QCOMPARE(box->minimum(), int(*spec.min));
            if (spec.max) QCOMPARE(box->maximum(), int(*spec.max));
            QCOMPARE(box->value(), spec.defaultValue.toInt());
            break;
          }
          case ParamType::Double: {
            auto* box = qobject_cast<QDoubleSpinBox*>(editor);
            QVERIFY(box);
            if (spec.max) QCOMPARE(box->maximum(), *spec.max);
            break;
          }
          case ParamType::Choice: {
            auto* box = qobject_cast<QComboBox*>(editor);
            QVERIFY(box);
            QCOMPARE(box->count(), spec.choices.size());
            QCOMPARE(box->currentText(), spec.defaultValue.toString());
            break;
          }
          case ParamType::Formula: {
            auto* formula = qobject_cast<FormulaEditor*>(editor);
            QVERIFY(formula);
            QCOMPARE(formula->text(), spec.defaultValue.toString());
            break;
          }
          default:
            QVERIFY(qobject_cast<QLineEdit*>(editor) || editor->inherits("QCheckBox"));
        }
      }
    }
  }

  void refusedValueStaysAtTheWidget() {
    const LoadedPlugin* lag = registry_.find(QStringLiteral("lag"));
    QVERIFY(lag);
    ParamForm form(lag->info.params, {});
    QSignalSpy changes(&form, &ParamForm::valueChanged);
    QWidget* periods = form.editor(QStringLiteral("periods"));
    typeInto(periods, QStringLiteral("[1, 2, 2]"));
    QCOMPARE(changes.count(), 0);
    QVERIFY(form.refusal(QStringLiteral("periods")).contains(QStringLiteral("twice")));
    typeInto(periods, QStringLiteral("[1, 0]"));
    QCOMPARE(changes.count(), 0);
    QVERIFY(!form.refusal(QStringLiteral("periods")).isEmpty());
    typeInto(periods, QStringLiteral("[1, oops"));
    QCOMPARE(changes.count(), 0);
    typeInto(periods, QStringLiteral("[4, 8]"));
    QCOMPARE(changes.count(), 1);
    QVERIFY(form.refusal(QStringLiteral("periods")).isEmpty());
    QCOMPARE(changes.front().at(1).toList(), (QVariantList{4, 8}));
    // A spin box cannot even hold a value outside the schema's range.
    const LoadedPlugin* rsi = registry_.find(QStringLiteral("rsi"));
    ParamForm rsiForm(rsi->info.params, {});
    auto* window = qobject_cast<QSpinBox*>(rsiForm.editor(QStringLiteral("window")));
    typeInto(window, QStringLiteral("0"));
    QVERIFY(window->value() >= 1);
  }

  void formReadsNumbersAsTheYamlDoes() {
    // One scalar parser: "[010]" was 8 (octal) in the form and 10 in the YAML tab; "0x10" was
    // 16 in the form and refused in the YAML tab.
    const LoadedPlugin* lag = registry_.find(QStringLiteral("lag"));
    QVERIFY(lag);
    ParamForm form(lag->info.params, {});
    QSignalSpy changes(&form, &ParamForm::valueChanged);
    QWidget* periods = form.editor(QStringLiteral("periods"));
    typeInto(periods, QStringLiteral("[010, 3]"));
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.front().at(1).toList(), (QVariantList{10, 3}));
    typeInto(periods, QStringLiteral("[0x10]"));
    QCOMPARE(changes.count(), 1);  // refused, as the YAML tab refuses it
    QVERIFY(!form.refusal(QStringLiteral("periods")).isEmpty());
  }

  void formAndYamlStayInSync() {
    PipelineEditor editor(registry_);
    editor.show();
    QVERIFY(editor.isValid());
    QVERIFY(editor.selectStep(QStringLiteral("rsi")));
    auto* window = editor.currentForm()->findChild<QSpinBox*>(QStringLiteral("param_window"));
    QVERIFY(window);
    QCOMPARE(window->value(), 14);
    typeInto(window, QStringLiteral("21"));
    QVERIFY(editor.yaml().contains(QStringLiteral("window: 21")));
    QCOMPARE(editor.config().steps.front().params.value(QStringLiteral("window")).toInt(), 21);

    // The reverse: edit the YAML tab like a user, the form follows.
    editor.tabs()->setCurrentWidget(editor.yamlEdit());
    // Select the "21" after "window: " and type over it, as a user would.
    QTextCursor cursor = editor.yamlEdit()->document()->find(QStringLiteral("window: 21"));
    QVERIFY(!cursor.isNull());
    cursor.setPosition(cursor.selectionEnd() - 2);
    cursor.setPosition(cursor.position() + 2, QTextCursor::KeepAnchor);
    editor.yamlEdit()->setTextCursor(cursor);
    QTest::keyClicks(editor.yamlEdit(), QStringLiteral("9"));
    QTRY_COMPARE(editor.config().steps.front().params.value(QStringLiteral("window")).toInt(), 9);
    QVERIFY(editor.selectStep(QStringLiteral("rsi")));
    window = editor.currentForm()->findChild<QSpinBox*>(QStringLiteral("param_window"));
    QCOMPARE(window->value(), 9);
  }

  // Add step as a user finds a plugin: by category (from the metadata), or by typing part of a
  // name and pressing Return, which adds the first match to the pipeline.
  void addStepByCategoryAndSearch() {
    PipelineEditor editor(registry_);
    editor.show();
    auto* menu = editor.findChild<AddStepMenu*>(QStringLiteral("addStepMenu"));
    QVERIFY(menu);
    QStringList categories, listed;
    for (QMenu* submenu : menu->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)) {
      categories << submenu->title();
      for (QAction* action : submenu->actions()) listed << action->data().toString();
    }
    QVERIFY2(categories.contains(QStringLiteral("Momentum")), qPrintable(categories.join(u',')));
    QVERIFY(categories.contains(QStringLiteral("Transforms")));
    QCOMPARE(listed.size(), registry_.plugins().size());  // each plugin once, in its category
    auto* momentum = menu->findChild<QMenu*>(QStringLiteral("category:Momentum"));
    QVERIFY(momentum);
    QStringList momentumIds;
    for (QAction* action : momentum->actions()) momentumIds << action->data().toString();
    QVERIFY(momentumIds.contains(QStringLiteral("rsi")));
    QVERIFY(!momentumIds.contains(QStringLiteral("sma")));  // an overlap study
#ifdef STRATA_SCREENSHOT_DIR
    menu->popup(editor.mapToGlobal(QPoint(0, 0)));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    screenshot(menu, QStringLiteral("add-step-menu"));
#endif

    QTest::keyClicks(menu->search(), QStringLiteral("StOch"));
    QStringList found;
    for (QAction* action : menu->matches()) found << action->data().toString();
    QVERIFY2(found.contains(QStringLiteral("stoch")) && found.contains(QStringLiteral("stochf")) &&
                 found.contains(QStringLiteral("stochrsi")) && !found.contains(QStringLiteral("rsi")),
             qPrintable(found.join(u',')));
    QVERIFY(!momentum->menuAction()->isVisible());  // categories step aside while searching
#ifdef STRATA_SCREENSHOT_DIR
    screenshot(menu, QStringLiteral("add-step-search"));
#endif
    const int stepsBefore = static_cast<int>(editor.config().steps.size());
    auto stepsOf = [&](const QString& plugin) {
      return std::count_if(editor.config().steps.begin(), editor.config().steps.end(),
                           [&](const StepConfig& step) { return step.plugin == plugin; });
    };
    const auto firstMatchBefore = stepsOf(found.front());
    QTest::keyClick(menu->search(), Qt::Key_Return);
    QCOMPARE(static_cast<int>(editor.config().steps.size()), stepsBefore + 1);
    QCOMPARE(stepsOf(found.front()), firstMatchBefore + 1);  // in its stage's place, not last
    QVERIFY(editor.yaml().contains(QStringLiteral("plugin: ") + found.front()));

    QTest::keyClicks(menu->search(), QStringLiteral("no such plugin"));
    QVERIFY(menu->matches().isEmpty());
    QTest::keyClick(menu->search(), Qt::Key_Return);  // nothing to add: nothing happens
    QCOMPARE(static_cast<int>(editor.config().steps.size()), stepsBefore + 1);
  }

  // The matrix precision, from the normalisation form like a user: the YAML and the config follow.
  void precisionFromTheForm() {
    PipelineEditor editor(registry_);
    editor.show();
    auto* tree = editor.findChild<QTreeWidget*>(QStringLiteral("pipelineTree"));
    QVERIFY(tree);
    const QList<QTreeWidgetItem*> found = tree->findItems(QStringLiteral("Normalisation"), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    tree->setCurrentItem(found.front());
    QTRY_VERIFY(editor.currentForm()->findChild<QComboBox*>(QStringLiteral("outputPrecision")));
    auto* precision = editor.currentForm()->findChild<QComboBox*>(QStringLiteral("outputPrecision"));
    QCOMPARE(precision->currentText(), QStringLiteral("float64"));
    const QRegularExpression float32Key(QStringLiteral("^precision: float32$"),
                                        QRegularExpression::MultilineOption);  // not the comment
    QVERIFY(!editor.yaml().contains(float32Key));
    precision->setFocus();
    QTest::keyClick(precision, Qt::Key_Down);  // float64 -> float32, as the keyboard does
    QCOMPARE(editor.config().precision, Precision::Float32);
    QVERIFY(editor.yaml().contains(float32Key));
    QVERIFY(editor.isValid());
  }

  void validationErrorsShowTheirLine() {
    PipelineEditor editor(registry_);
    QSignalSpy validity(&editor, &PipelineEditor::validityChanged);
    const QString yaml = QStringLiteral("indicators:\n  - plugin: rsi\n    params: {window: 0}\n");
    editor.setYaml(yaml, QStringLiteral("mine.yaml"));
    QVERIFY(!editor.isValid());
    QCOMPARE(validity.count(), 1);
    const QStringList errors = editor.errors();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.front().startsWith(QStringLiteral("mine.yaml:3:")), qPrintable(errors.front()));
    const auto marks = editor.yamlEdit()->extraSelections();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.front().cursor.blockNumber(), 2);  // line 3
    // The last valid config is kept for runs.
    QCOMPARE(editor.config().steps.size(), PipelineConfig::defaults().steps.size());
    editor.setYaml(QStringLiteral("indicators:\n  - plugin: nosuch\n"), QStringLiteral("x.yaml"));
    QVERIFY(!editor.isValid());
    QVERIFY(editor.errors().front().contains(QStringLiteral("nosuch")));
  }

  void enableBoxesAndAddRemove() {
    PipelineEditor editor(registry_);
    auto* tree = editor.findChild<QTreeWidget*>(QStringLiteral("pipelineTree"));
    QTreeWidgetItem* obv = nullptr;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
      if ((*it)->text(0).startsWith(QStringLiteral("obv"))) obv = *it;
    QVERIFY(obv);
    obv->setCheckState(0, Qt::Unchecked);
    QVERIFY(editor.yaml().contains(QStringLiteral("enabled: false")));
    const std::size_t before = editor.config().steps.size();
    QVERIFY(editor.selectStep(QStringLiteral("obv")));
    QTest::mouseClick(editor.findChild<QWidget*>(QStringLiteral("removeStep")), Qt::LeftButton);
    QCOMPARE(editor.config().steps.size(), before - 1);
    QVERIFY(!editor.yaml().contains(QStringLiteral("obv")));
  }

  void saveAndOpen() {
    QTemporaryDir dir;
    PipelineEditor editor(registry_);
    editor.selectStep(QStringLiteral("macd"));
    typeInto(editor.currentForm()->findChild<QSpinBox*>(QStringLiteral("param_fast_period")),
             QStringLiteral("8"));
    QString error;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    QVERIFY2(editor.saveFile(path, &error), qPrintable(error));
    PipelineEditor other(registry_);
    QVERIFY(other.openFile(path, &error));
    QCOMPARE(other.config(), editor.config());
    QVERIFY(!other.openFile(dir.filePath(QStringLiteral("missing.yaml")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.yaml")));
  }

  // Every feature shown redraws the histogram: what the previous one drew is freed, each area's
  // two boundary series too (they were never freed: memory grew as a user browsed features).
  void distributionRefreshFreesThePreviousHistogram() {
    DistributionView view;
    view.setResults({twoFeatures(QStringLiteral("1d"), 60), twoFeatures(QStringLiteral("1w"), 12)});
    view.setTimeframe(QString());  // both overlaid: two areas
    std::vector<QPointer<QObject>> previous = histogramSeries(view);
    QCOMPARE(previous.size(), std::size_t(6));
    for (int i = 0; i < 100; ++i) {
      QVERIFY(view.showFeature(i % 2 ? QStringLiteral("a") : QStringLiteral("b")));
      for (const QPointer<QObject>& series : previous)
        if (series)
          QFAIL(qPrintable(QStringLiteral("a %1 outlived its histogram (refresh %2)")
                               .arg(QLatin1String(series->metaObject()->className()))
                               .arg(i)));
      previous = histogramSeries(view);
      QCOMPARE(previous.size(), std::size_t(6));
    }
  }

  void pluginsDialogListsLoadedAndRefused() {
    PluginRegistry registry;
    registry.loadDirectory(QStringLiteral(STRATA_PLUGIN_DIR));
    QTemporaryDir dir;
    QFile junk(dir.filePath(QStringLiteral("libjunk.so")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a library");
    junk.close();
    registry.loadFile(junk.fileName());
    PluginsDialog dialog(registry);
    auto* loaded = dialog.findChild<QTreeWidget*>(QStringLiteral("loadedPlugins"));
    auto* refused = dialog.findChild<QTreeWidget*>(QStringLiteral("refusedPlugins"));
    QCOMPARE(loaded->topLevelItemCount(), int(registry.plugins().size()));
    QCOMPARE(refused->topLevelItemCount(), 1);
    QVERIFY(!refused->topLevelItem(0)->text(2).isEmpty());
  }
};

QTEST_MAIN(TestGuiWidgets)
#include "test_gui_widgets.moc"
