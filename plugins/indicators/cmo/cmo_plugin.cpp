#include "cmo.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class CmoPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "cmo.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("cmo")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::cmo(in[0], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "cmo_plugin.moc"
