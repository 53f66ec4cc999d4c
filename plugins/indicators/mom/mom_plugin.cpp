// MOM: the SDK's diff (strata/sdk/kernels.h), which the diff transform shares; no math of its own.
#include "strata/sdk/kernels.h"
#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class MomPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "mom.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("close")}, {QStringLiteral("mom")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    kernels::diff(in[0], params.integer(QStringLiteral("period")), out[0]);
  }
};

}  // namespace strata

#include "mom_plugin.moc"
