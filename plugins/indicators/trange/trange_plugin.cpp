#include "trange.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class TrangePlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "trange.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("trange")})};
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::trange(in[0], in[1], in[2], out[0]);
  }
};

}  // namespace strata

#include "trange_plugin.moc"
