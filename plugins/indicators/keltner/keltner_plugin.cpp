#include "donchian.h"
#include "keltner.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class KeltnerPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "keltner.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("kc_upper"), QStringLiteral("kc_middle"), QStringLiteral("kc_lower"),
         QStringLiteral("kc_width")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::keltner(in[0], in[1], in[2], params.integer(QStringLiteral("window")),
                        params.real(QStringLiteral("multiplier")), out[0], out[1], out[2]);
    indicators::channelWidth(out[0], out[1], out[2], out[3]);
  }
};

}  // namespace strata

#include "keltner_plugin.moc"
