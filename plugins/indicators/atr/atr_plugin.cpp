#include "atr.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class AtrPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "atr.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask(
        {QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")},
        {QStringLiteral("atr")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::atr(in[0], in[1], in[2], params.integer(QStringLiteral("window")),
                    plugin_support::smoothingOf(params.text(QStringLiteral("smoothing"))), out[0],
                    params.integer(QStringLiteral("first_range_row")));
  }
};

}  // namespace strata

#include "atr_plugin.moc"
