#include "plugins_dialog.h"

#include "strata/plugin_registry.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {

PluginsDialog::PluginsDialog(const PluginRegistry& registry, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Plugins"));
  resize(860, 520);
  auto* loaded = new QTreeWidget(this);
  loaded->setObjectName(QStringLiteral("loadedPlugins"));
  loaded->setHeaderLabels({tr("Id"), tr("Kind"), tr("Version"), tr("Name"), tr("Library")});
  loaded->setRootIsDecorated(true);
  for (const LoadedPlugin& plugin : registry.plugins()) {
    const PluginInfo& info = plugin.info;
    auto* item = new QTreeWidgetItem(loaded, {info.id, info.kind, info.version, info.name,
                                              info.libraryPath});
    item->setToolTip(3, info.description);
    for (const ParamSpec& spec : info.params) {
      QString detail = paramTypeName(spec.type);
      if (!spec.choices.isEmpty()) detail += QStringLiteral(" ") + spec.choices.join(QLatin1Char('|'));
      if (spec.min || spec.max)
        detail += QStringLiteral(" [%1, %2]").arg(spec.min ? QString::number(*spec.min) : QStringLiteral("-"),
                                                 spec.max ? QString::number(*spec.max) : QStringLiteral("-"));
      auto* param = new QTreeWidgetItem(item, {spec.name, detail, paramValueText(spec.defaultValue), spec.help});
      param->setToolTip(3, spec.help);
    }
  }
  loaded->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

  auto* refused = new QTreeWidget(this);
  refused->setObjectName(QStringLiteral("refusedPlugins"));
  refused->setHeaderLabels({tr("Library"), tr("Id"), tr("Why it was refused")});
  refused->setRootIsDecorated(false);
  for (const RefusedPlugin& plugin : registry.refused()) {
    auto* item = new QTreeWidgetItem(refused, {plugin.path, plugin.id, plugin.reason});
    item->setToolTip(2, plugin.reason);
  }
  refused->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(tr("<b>Loaded</b> (%1)").arg(registry.plugins().size()), this));
  layout->addWidget(loaded, 3);
  layout->addWidget(new QLabel(tr("<b>Refused</b> (%1)%2")
                                   .arg(registry.refused().size())
                                   .arg(registry.refused().empty() ? tr(": none") : QString()),
                               this));
  layout->addWidget(refused, 1);
  layout->addWidget(buttons);
}

}  // namespace strata::ui
