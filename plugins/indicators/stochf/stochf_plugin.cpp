#include "stochf.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class StochfPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "stochf.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("fastk"), QStringLiteral("fastd")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::stochf(
        in[0], in[1], in[2], params.integer(QStringLiteral("fastk_period")),
        params.integer(QStringLiteral("fastd_period")),
        plugin_support::movingAverageOf(params.text(QStringLiteral("fastd_ma_type"))), out[0],
        out[1]);
  }
};

}  // namespace strata

#include "stochf_plugin.moc"
