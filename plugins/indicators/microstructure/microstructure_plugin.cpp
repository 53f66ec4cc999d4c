#include "microstructure.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class MicrostructurePlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "microstructure.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("open"), QStringLiteral("high"), QStringLiteral("low"),
         QStringLiteral("close"), QStringLiteral("volume")},
        {QStringLiteral("price_volatility"), QStringLiteral("volume_volatility"),
         QStringLiteral("price_volume_corr"), QStringLiteral("price_acceleration"),
         QStringLiteral("volume_acceleration"), QStringLiteral("range_volatility_ratio"),
         QStringLiteral("volume_surprise"), QStringLiteral("price_gap"),
         QStringLiteral("volume_gap"), QStringLiteral("trend_strength")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::microstructure(in[0], in[1], in[2], in[3], in[4],
                               params.integer(QStringLiteral("window")),
                               params.integer(QStringLiteral("trend_window")),
                               {out[0], out[1], out[2], out[3], out[4], out[5], out[6], out[7],
                                out[8], out[9]});
  }
};

}  // namespace strata

#include "microstructure_plugin.moc"
