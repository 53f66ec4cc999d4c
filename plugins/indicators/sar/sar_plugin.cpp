#include "sar.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class SarPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "sar.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("high"), QStringLiteral("low")},
                                      {QStringLiteral("sar")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::sar(in[0], in[1], params.real(QStringLiteral("acceleration")),
                    params.real(QStringLiteral("maximum")), out[0]);
  }
};

}  // namespace strata

#include "sar_plugin.moc"
