// A plugin whose constructor never returns: the child that tries it first is killed after the probe
// limit, Strata refuses it.
#include "test_plugin.h"

#include <thread>

namespace strata::test_plugins {

class HangsInConstructorPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "hangs_in_constructor.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  HangsInConstructorPlugin() : OneColumnPlugin(QStringLiteral("test_hangs_in_constructor")) {
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }
};

}  // namespace strata::test_plugins

#include "hangs_in_constructor.moc"
