#include "midprice.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class MidpricePlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "midprice.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("high"), QStringLiteral("low")},
                                      {QStringLiteral("midprice")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::midprice(in[0], in[1], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "midprice_plugin.moc"
