#include "test_plugin.h"

namespace strata::test_plugins {

class DuplicateBPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "dup_b.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  DuplicateBPlugin() : OneColumnPlugin(QStringLiteral("test_dup_b")) {}
};

}  // namespace strata::test_plugins

#include "dup_b.moc"
