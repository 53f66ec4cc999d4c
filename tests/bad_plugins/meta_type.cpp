#include "test_plugin.h"

namespace strata::test_plugins {

class UnknownTypePlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "meta_type.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  UnknownTypePlugin() : OneColumnPlugin(QStringLiteral("test_meta_type")) {}
};

}  // namespace strata::test_plugins

#include "meta_type.moc"
