#include "test_plugin.h"
#include <stdexcept>

namespace strata::test_plugins {

class ThrowingPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "throws.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  ThrowingPlugin() : OneColumnPlugin(QStringLiteral("test_throws")) {}

  void compute(const Params&, const Task&, std::span<const ConstColumn>,
               std::span<const Column>) const override {
    throw std::runtime_error("deliberate failure in test_throws::compute");
  }
};

}  // namespace strata::test_plugins

#include "throws.moc"
