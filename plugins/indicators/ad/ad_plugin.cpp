#include "ad.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class AdPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "ad.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("high"), QStringLiteral("low"),
                                       QStringLiteral("close"), QStringLiteral("volume")},
                                      {QStringLiteral("ad")})};
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::ad(in[0], in[1], in[2], in[3], out[0]);
  }
};

}  // namespace strata

#include "ad_plugin.moc"
