#include "test_plugin.h"
// Declared here, defined nowhere: dlopen(RTLD_NOW) must refuse the library.
extern "C" double strata_test_undefined_function(double);

namespace strata::test_plugins {

class MissingSymbolPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "missing_symbol.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  MissingSymbolPlugin() : OneColumnPlugin(QStringLiteral("test_missing_symbol")) {}

 protected:
  double value(double close) const override { return strata_test_undefined_function(close); }
};

}  // namespace strata::test_plugins

#include "missing_symbol.moc"
