#include "adosc.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class AdoscPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "adosc.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString* error) const override {
    if (!plugin_support::fastBelowSlow(params, error)) return {};
    return {plugin_support::wholeTask({QStringLiteral("high"), QStringLiteral("low"),
                                       QStringLiteral("close"), QStringLiteral("volume")},
                                      {QStringLiteral("adosc")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::adosc(in[0], in[1], in[2], in[3], params.integer(QStringLiteral("fast_period")),
                      params.integer(QStringLiteral("slow_period")), out[0]);
  }
};

}  // namespace strata

#include "adosc_plugin.moc"
