#include "correl.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class CorrelPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "correl.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList& sources,
                         QString* error) const override {
    return plugin_support::pairTasks(params.pairs(QStringLiteral("pairs")), sources,
                                     QStringLiteral("correl"), error);
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::correl(in[0], in[1], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "correl_plugin.moc"
