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
    std::vector<Task> tasks;
    for (const QStringList& pair : params.pairs(QStringLiteral("pairs"))) {
      for (const QString& column : pair)
        if (!sources.contains(column)) {
          // docs/spec.md skips such a pair silently; a missing feature column is a mistake to show.
          *error = QStringLiteral("pair [%1, %2]: no column '%3' exists at this point")
                       .arg(pair[0], pair[1], column);
          return {};
        }
      Task task = plugin_support::wholeTask(pair, {QStringLiteral("%1_%2_crossover").arg(pair[0], pair[1])});
      task.bindings = {{QStringLiteral("first"), pair[0]}, {QStringLiteral("second"), pair[1]}};
      tasks.push_back(std::move(task));
    }
    return tasks;
  }
  void compute(const Params&, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    transforms::crossover(in[0], in[1], out[0]);
  }
};

}  // namespace strata

#include "crossover_plugin.moc"
