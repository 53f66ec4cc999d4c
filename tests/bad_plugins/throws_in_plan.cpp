// A plugin whose plan() throws: the pipeline fails with a message naming the step, never aborts.
#include "test_plugin.h"

#include <stdexcept>

namespace strata::test_plugins {

class ThrowsInPlanPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "throws_in_plan.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  ThrowsInPlanPlugin() : OneColumnPlugin(QStringLiteral("test_throws_in_plan")) {}
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    throw std::runtime_error("deliberate failure in plan");
  }
};

}  // namespace strata::test_plugins

#include "throws_in_plan.moc"
