#include "test_plugin.h"

namespace strata::test_plugins {

class DuplicateRsiPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "dup_rsi.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  DuplicateRsiPlugin() : OneColumnPlugin(QStringLiteral("test_dup_rsi")) {}
};

}  // namespace strata::test_plugins

#include "dup_rsi.moc"
