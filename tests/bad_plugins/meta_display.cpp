#include "test_plugin.h"

namespace strata::test_plugins {

// Its display hint draws a band whose lower edge is no output of the plugin.
class BadDisplayPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "meta_display.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  BadDisplayPlugin() : OneColumnPlugin(QStringLiteral("test_meta_display")) {}
};

}  // namespace strata::test_plugins

#include "meta_display.moc"
