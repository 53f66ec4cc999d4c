#include "cci.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class CciPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "cci.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("cci")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::cci(in[0], in[1], in[2], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "cci_plugin.moc"
