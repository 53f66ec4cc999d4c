// EMA: the SDK's SMA-seeded EMA (strata/sdk/kernels.h), which APO and PPO share; no math of its
// own.
#include "strata/sdk/kernels.h"
#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class EmaPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "ema.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("ema")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    kernels::smaSeededEma(in[0], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "ema_plugin.moc"
