#include "mfi.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class MfiPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "mfi.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params&, const QStringList&, QString*) const override {
    return {plugin_support::wholeTask({QStringLiteral("high"), QStringLiteral("low"),
                                       QStringLiteral("close"), QStringLiteral("volume")},
                                      {QStringLiteral("mfi")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::mfi(in[0], in[1], in[2], in[3], params.integer(QStringLiteral("window")), out[0]);
  }
};

}  // namespace strata

#include "mfi_plugin.moc"
