// SMA: the SDK's rolling mean (strata/sdk/kernels.h), which APO and PPO share; no math of its own.
#include "strata/sdk/kernels.h"
#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class SmaPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "sma.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("sma")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    kernels::rollingMean(in[0], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "sma_plugin.moc"
