#include "stochrsi.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class StochrsiPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "stochrsi.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("close")},
        {QStringLiteral("stochrsi_fastk"), QStringLiteral("stochrsi_fastd")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::stochrsi(
        in[0], params.integer(QStringLiteral("window")),
        params.integer(QStringLiteral("fastk_period")),
        params.integer(QStringLiteral("fastd_period")),
        plugin_support::movingAverageOf(params.text(QStringLiteral("fastd_ma_type"))), out[0],
        out[1]);
  }
};

}  // namespace strata

#include "stochrsi_plugin.moc"
