// A plugin whose constructor ends the process: only the child that tries it first ends, Strata
// refuses it.
#include "test_plugin.h"

#include <cstdlib>

namespace strata::test_plugins {

class ExitsInConstructorPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "exits_in_constructor.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  ExitsInConstructorPlugin() : OneColumnPlugin(QStringLiteral("test_exits_in_constructor")) {
    std::exit(7);
  }
};

}  // namespace strata::test_plugins

#include "exits_in_constructor.moc"
