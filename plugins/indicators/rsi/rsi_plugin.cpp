#include "rsi.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class RsiPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "rsi.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("rsi")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::rsi(in[0], params.integer(QStringLiteral("window")),
                    plugin_support::smoothingOf(params.text(QStringLiteral("smoothing"))), out[0]);
  }
};

}  // namespace strata

#include "rsi_plugin.moc"
