#include "test_plugin.h"

namespace strata::test_plugins {

class DuplicateAPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "dup_a.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  DuplicateAPlugin() : OneColumnPlugin(QStringLiteral("test_dup_a")) {}
};

}  // namespace strata::test_plugins

#include "dup_a.moc"
