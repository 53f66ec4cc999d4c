#include "test_plugin.h"

namespace strata::test_plugins {

class WrongIidPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID "org.strata.FeaturePlugin/999" FILE "api_iid.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  WrongIidPlugin() : OneColumnPlugin(QStringLiteral("test_api_iid")) {}
};

}  // namespace strata::test_plugins

#include "api_iid.moc"
