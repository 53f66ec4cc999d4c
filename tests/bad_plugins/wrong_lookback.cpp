#include "test_plugin.h"

namespace strata::test_plugins {

// Off by one: the metadata says "window - 1" leading NaN rows, the code leaves `window`. Every
// other check holds, so check-plugin must fail the lookback check alone.
class WrongLookbackPlugin : public LeadingNaNPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "wrong_lookback.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  WrongLookbackPlugin() : LeadingNaNPlugin(QStringLiteral("test_wrong_lookback")) {}

 protected:
  int leadingRows(const Params& params) const override {
    return params.integer(QStringLiteral("window"));
  }
};

}  // namespace strata::test_plugins

#include "wrong_lookback.moc"
