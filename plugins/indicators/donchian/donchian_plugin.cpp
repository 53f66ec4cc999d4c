#include "donchian.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class DonchianPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "donchian.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low")},
        {QStringLiteral("dc_upper"), QStringLiteral("dc_middle"), QStringLiteral("dc_lower"),
         QStringLiteral("dc_width")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::donchian(in[0], in[1], params.integer(QStringLiteral("window")), out[0], out[1], out[2]);
    indicators::channelWidth(out[0], out[1], out[2], out[3]);
  }
};

}  // namespace strata

#include "donchian_plugin.moc"
