#include "t3.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class T3Plugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "t3.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("t3")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::t3(in[0], params.integer(QStringLiteral("window")),
                   params.real(QStringLiteral("volume_factor")), out[0]);
  }
};

}  // namespace strata

#include "t3_plugin.moc"
