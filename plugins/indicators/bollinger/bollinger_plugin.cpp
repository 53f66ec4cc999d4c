#include "bollinger.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class BollingerPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "bollinger.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("close")},
        {QStringLiteral("bb_upper"), QStringLiteral("bb_middle"), QStringLiteral("bb_lower"),
         QStringLiteral("bb_bandwidth"), QStringLiteral("bb_percent_b")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::bollinger(in[0], params.integer(QStringLiteral("window")),
                          params.real(QStringLiteral("num_std_dev")),
                          params.integer(QStringLiteral("ddof")), out[0], out[1], out[2], out[3],
                          out[4]);
  }
};

}  // namespace strata

#include "bollinger_plugin.moc"
