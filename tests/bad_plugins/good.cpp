#include "test_plugin.h"

namespace strata::test_plugins {

class GoodPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "good.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  GoodPlugin() : OneColumnPlugin(QStringLiteral("test_good")) {}

 protected:
  double value(double close) const override { return 2.0 * close; }
};

}  // namespace strata::test_plugins

#include "good.moc"
