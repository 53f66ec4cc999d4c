#include "macd.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class MacdPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "macd.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString* error) const override {
    if (!plugin_support::fastBelowSlow(params, error)) return {};
    return {plugin_support::wholeTask(
        {QStringLiteral("close")},
        {QStringLiteral("macd"), QStringLiteral("macd_signal"), QStringLiteral("macd_histogram")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::macd(in[0], params.integer(QStringLiteral("fast_period")),
                     params.integer(QStringLiteral("slow_period")),
                     params.integer(QStringLiteral("signal_period")), out[0], out[1], out[2]);
  }
};

}  // namespace strata

#include "macd_plugin.moc"
