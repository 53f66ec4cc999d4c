#include "willr.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class WillrPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "willr.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("willr")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::willr(in[0], in[1], in[2], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "willr_plugin.moc"
