#include "test_plugin.h"

namespace strata::test_plugins {

// A good plugin the GUI has never heard of: its chart pane, range and guides come from its
// display hint alone.
class DisplayPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "display.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  DisplayPlugin() : OneColumnPlugin(QStringLiteral("test_display")) {}

 protected:
  double value(double close) const override { return std::tanh((close - 150.0) / 50.0); }
};

}  // namespace strata::test_plugins

#include "display.moc"
