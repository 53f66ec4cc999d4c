#include "stddev.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class StddevPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "stddev.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  // The "form" choice is also the output's name; the schema has refused anything else.
  std::vector<Task> plan(const Params& params, const QStringList&, QString*) const override {
    return {plugin_support::choiceTask(params, QStringLiteral("form"), {QStringLiteral("close")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    const int window = params.integer(QStringLiteral("window"));
    if (params.text(QStringLiteral("form")) == u"var")
      indicators::variance(in[0], window, out[0]);
    else
      indicators::stddev(in[0], window, params.real(QStringLiteral("nb_dev")), out[0]);
  }
};

}  // namespace strata

#include "stddev_plugin.moc"
