#include "ppo.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class PpoPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "ppo.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString* error) const override {
    if (!plugin_support::fastBelowSlow(params, error)) return {};
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("ppo")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::ppo(in[0], params.integer(QStringLiteral("fast_period")),
                    params.integer(QStringLiteral("slow_period")),
                    plugin_support::movingAverageOf(params.text(QStringLiteral("ma_type"))),
                    out[0]);
  }
};

}  // namespace strata

#include "ppo_plugin.moc"
