#pragma once
// The pipeline editor's Add-step menu: a search line over every loaded plugin, then one submenu a
// category (the metadata's "category", else the kind), so 45+ plugins stay findable. Everything
// it shows comes from the plugins' metadata: it knows no plugin by name.
#include <QMenu>

class QLineEdit;

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

class AddStepMenu : public QMenu {
  Q_OBJECT
 public:
  explicit AddStepMenu(const PluginRegistry& registry, QWidget* parent = nullptr);
  QLineEdit* search() const { return search_; }
  /// The plugins whose id, name or category holds `text` (case-insensitive), as shown while searching.
  QList<QAction*> matches() const;
 signals:
  void pluginChosen(const QString& pluginId);

 private:
  void filter(const QString& text);
  QAction* pluginAction(const QString& id, const QString& label, QObject* owner);

  QLineEdit* search_ = nullptr;
  QList<QAction*> categoryMenus_;  // shown when the search is empty
  QList<QAction*> found_;          // one a plugin, flat, shown when it matches the search
  QStringList haystacks_;          // found_[i]'s id, name and category, lower-case
};

}  // namespace strata::ui
