#include "test_plugin.h"

namespace strata::test_plugins {

class MinAboveMaxPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "meta_minmax.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  MinAboveMaxPlugin() : OneColumnPlugin(QStringLiteral("test_meta_minmax")) {}
};

}  // namespace strata::test_plugins

#include "meta_minmax.moc"
