#include "test_plugin.h"

namespace strata::test_plugins {

// Skips the rows whose input is NaN instead of writing NaN there: fine on clean bars, rows left
// unwritten on bars with gaps.
class SkipsNaNPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "skips_nan.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  SkipsNaNPlugin() : OneColumnPlugin(QStringLiteral("test_skips_nan")) {}
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    for (std::size_t i = 0; i < in[0].size(); ++i)
      if (!std::isnan(in[0][i])) out[0][i] = in[0][i];
  }
};

}  // namespace strata::test_plugins

#include "skips_nan.moc"
