#include "crossover.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class CrossoverPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "crossover.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList& sources,
                         QString* error) const override {
    // docs/spec.md skips a pair naming a missing column silently; a missing feature column is a
    // mistake to show (pairTasks refuses it).
    return plugin_support::pairTasks(params.pairs(QStringLiteral("pairs")), sources,
                                     QStringLiteral("crossover"), error);
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    transforms::crossover(in[0], in[1], out[0]);
  }
};

}  // namespace strata

#include "crossover_plugin.moc"
