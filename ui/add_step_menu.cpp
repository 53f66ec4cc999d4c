#include "add_step_menu.h"

#include "strata/plugin_registry.h"

#include <QLineEdit>
#include <QWidgetAction>

#include <map>

namespace strata::ui {

AddStepMenu::AddStepMenu(const PluginRegistry& registry, QWidget* parent) : QMenu(parent) {
  search_ = new QLineEdit(this);
  search_->setObjectName(QStringLiteral("addStepSearch"));
  search_->setPlaceholderText(tr("Search: name, id or category"));
  // Wide enough that the placeholder shows whole: its text, plus room for the clear button and frame.
  search_->setMinimumWidth(search_->fontMetrics().horizontalAdvance(search_->placeholderText()) + 48);
  search_->setClearButtonEnabled(true);
  auto* searchAction = new QWidgetAction(this);
  searchAction->setDefaultWidget(search_);
  addAction(searchAction);
  addSeparator();

  std::map<QString, std::map<QString, const PluginInfo*>> byCategory;  // sorted, as listed
  for (const LoadedPlugin& plugin : registry.plugins())
    byCategory[plugin.info.listedCategory()][plugin.info.id] = &plugin.info;
  for (const auto& [category, plugins] : byCategory) {
    QMenu* submenu = addMenu(category);
    submenu->setObjectName(QStringLiteral("category:") + category);
    categoryMenus_ << submenu->menuAction();
    for (const auto& [id, info] : plugins) {
      const QString label = QStringLiteral("%1 (%2)").arg(info->name, id);
      submenu->addAction(pluginAction(id, label, submenu));
      QAction* flat = pluginAction(id, QStringLiteral("%1: %2").arg(category, label), this);
      flat->setVisible(false);
      addAction(flat);
      found_ << flat;
      haystacks_ << QStringList{id, info->name, category}.join(QLatin1Char('\n')).toLower();
    }
  }
  connect(search_, &QLineEdit::textChanged, this, &AddStepMenu::filter);
  // Return takes the first match, as a launcher does.
  connect(search_, &QLineEdit::returnPressed, this, [this] {
    const QList<QAction*> shown = matches();
    if (shown.isEmpty()) return;
    shown.front()->trigger();
  });
  connect(this, &QMenu::aboutToShow, this, [this] {
    search_->clear();
    search_->setFocus();
  });
}

QAction* AddStepMenu::pluginAction(const QString& id, const QString& label, QObject* owner) {
  auto* action = new QAction(label, owner);
  action->setData(id);
  connect(action, &QAction::triggered, this, [this, id] {
    emit pluginChosen(id);
    close();
  });
  return action;
}

void AddStepMenu::filter(const QString& text) {
  const QString needle = text.trimmed().toLower();
  for (QAction* menu : categoryMenus_) menu->setVisible(needle.isEmpty());
  for (qsizetype i = 0; i < found_.size(); ++i)
    found_[i]->setVisible(!needle.isEmpty() && haystacks_[i].contains(needle));
}

QList<QAction*> AddStepMenu::matches() const {
  QList<QAction*> shown;
  for (QAction* action : found_)
    if (action->isVisible()) shown << action;
  return shown;
}

}  // namespace strata::ui
