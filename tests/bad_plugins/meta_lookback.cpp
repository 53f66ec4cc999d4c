#include "test_plugin.h"

namespace strata::test_plugins {

class BadLookbackPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "meta_lookback.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  BadLookbackPlugin() : OneColumnPlugin(QStringLiteral("test_meta_lookback")) {}
};

}  // namespace strata::test_plugins

#include "meta_lookback.moc"
