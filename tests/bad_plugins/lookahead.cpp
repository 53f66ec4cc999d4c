#include "test_plugin.h"

namespace strata::test_plugins {

// Breaks the contract twice: its metadata promises one leading NaN row but it writes none, and
// row i reads row i + 1 (the future). test_plugin_contract must notice both.
class LookaheadPlugin : public OneColumnPlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "lookahead.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  LookaheadPlugin() : OneColumnPlugin(QStringLiteral("test_lookahead")) {}
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    const std::size_t n = in[0].size();
    for (std::size_t i = 0; i < n; ++i) out[0][i] = in[0][i + 1 < n ? i + 1 : i];
  }
};

}  // namespace strata::test_plugins

#include "lookahead.moc"
