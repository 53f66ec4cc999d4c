#include "aroon.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class AroonPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "aroon.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low")},
        {QStringLiteral("aroon_down"), QStringLiteral("aroon_up"), QStringLiteral("aroon_osc")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::aroon(in[0], in[1], params.integer(QStringLiteral("window")), out[0], out[1], out[2]);
  }
};

}  // namespace strata

#include "aroon_plugin.moc"
