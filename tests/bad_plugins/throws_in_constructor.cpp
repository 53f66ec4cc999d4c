// A plugin whose constructor throws: the registry refuses it with the message, the process lives.
#include "test_plugin.h"

#include <stdexcept>

namespace strata::test_plugins {

class ThrowsInConstructorPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "throws_in_constructor.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  ThrowsInConstructorPlugin() : OneColumnPlugin(QStringLiteral("test_throws_in_constructor")) {
    throw std::runtime_error("deliberate failure in the constructor");
  }
};

}  // namespace strata::test_plugins

#include "throws_in_constructor.moc"
