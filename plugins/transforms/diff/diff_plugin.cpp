#include "strata/sdk/plugin_support.h"
#include "strata/sdk/kernels.h"

#include <QObject>

namespace strata {

class DiffPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "diff.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList& sources, QString*) const override {
    return plugin_support::perColumnTasks(sources, params.integers(QStringLiteral("periods")),
                                          QStringLiteral("period"), QStringLiteral("{column}_diff_{period}"));
  }
  void compute(const Params&, const Task& task, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    kernels::diff(in[0], task.bindings.value(QStringLiteral("period")).toInt(), out[0]);
  }
};

}  // namespace strata

#include "diff_plugin.moc"
