// The plugin class: metadata (zscore_example.json) compiled in, one task per step.
#include "zscore.h"

#include <strata/sdk/plugin_support.h>

#include <QObject>

namespace zscore_example {

class ZscorePlugin : public QObject, public strata::FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "zscore_example.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<strata::Task> plan(const strata::Params&, const QStringList&, QString*) const override {
    return {strata::plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("zscore")})};
  }
  void compute(const strata::Params& params, const strata::Task&,
               std::span<const strata::ConstColumn> in, std::span<const strata::Column> out) const override {
    zscore(in[0], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace zscore_example

#include "zscore_plugin.moc"
