// A plugin whose constructor crashes: the child that tries it first dies, Strata refuses it.
#include "test_plugin.h"

#include <csignal>

namespace strata::test_plugins {

class CrashesInConstructorPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "crashes_in_constructor.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  CrashesInConstructorPlugin() : OneColumnPlugin(QStringLiteral("test_crashes_in_constructor")) {
    std::raise(SIGSEGV);
  }
};

}  // namespace strata::test_plugins

#include "crashes_in_constructor.moc"
