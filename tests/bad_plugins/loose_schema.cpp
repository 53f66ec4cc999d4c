#include "test_plugin.h"

namespace strata::test_plugins {

// Its schema lets window be 0 (the minimum should be 1), where the lookback "window - 1" is -1:
// the schema accepts a value it should refuse. The code itself keeps its word.
class LooseSchemaPlugin : public LeadingNaNPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "loose_schema.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  LooseSchemaPlugin() : LeadingNaNPlugin(QStringLiteral("test_loose_schema")) {}

 protected:
  int leadingRows(const Params& params) const override {
    return params.integer(QStringLiteral("window")) - 1;
  }
};

}  // namespace strata::test_plugins

#include "loose_schema.moc"
