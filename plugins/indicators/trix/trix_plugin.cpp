#include "trix.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class TrixPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "trix.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("trix")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::trix(in[0], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "trix_plugin.moc"
