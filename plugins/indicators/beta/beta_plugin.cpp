#include "beta.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class BetaPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "beta.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList& sources,
                         QString* error) const override {
    return plugin_support::pairTasks(params.pairs(QStringLiteral("pairs")), sources,
                                     QStringLiteral("beta"), error);
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::beta(in[0], in[1], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "beta_plugin.moc"
