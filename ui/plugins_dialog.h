#pragma once
// Help > Plugins: every loaded plugin (id, kind, version, parameters) and every refused one
// with the reason it was refused.
#include <QDialog>

namespace strata {
class PluginRegistry;
}

namespace strata::ui {

class PluginsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit PluginsDialog(const PluginRegistry& registry, QWidget* parent = nullptr);
};

}  // namespace strata::ui
