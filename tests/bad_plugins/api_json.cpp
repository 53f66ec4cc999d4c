#include "test_plugin.h"

namespace strata::test_plugins {

class WrongApiJsonPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "api_json.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  WrongApiJsonPlugin() : OneColumnPlugin(QStringLiteral("test_api_json")) {}
};

}  // namespace strata::test_plugins

#include "api_json.moc"
