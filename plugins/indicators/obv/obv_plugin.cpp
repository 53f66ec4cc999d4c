#include "obv.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class ObvPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "obv.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close"), QStringLiteral("volume")},
                                      {QStringLiteral("obv")})};
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::obv(in[0], in[1], out[0]);
  }
};

}  // namespace strata

#include "obv_plugin.moc"
