#include "dmi.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class DmiPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "dmi.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("plus_dm"), QStringLiteral("minus_dm"), QStringLiteral("plus_di"),
         QStringLiteral("minus_di"), QStringLiteral("dx"), QStringLiteral("adx"),
         QStringLiteral("adxr")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::dmi(in[0], in[1], in[2], params.integer(QStringLiteral("window")),
                    {out[0], out[1], out[2], out[3], out[4], out[5], out[6]});
  }
};

}  // namespace strata

#include "dmi_plugin.moc"
