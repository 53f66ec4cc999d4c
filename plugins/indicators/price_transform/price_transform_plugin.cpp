#include "price_transform.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class PriceTransformPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "price_transform.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  // The output is named after the kind; only avgprice reads the open.
  std::vector<Task> plan(const Params& params, const QStringList&, QString*) const override {
    const QString kind = params.text(QStringLiteral("kind"));
    QStringList inputs{QStringLiteral("high"), QStringLiteral("low"), QStringLiteral("close")};
    if (kind == u"avgprice") inputs.prepend(QStringLiteral("open"));
    if (kind == u"medprice") inputs.removeLast();
    return {plugin_support::choiceTask(params, QStringLiteral("kind"), inputs)};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    const QString kind = params.text(QStringLiteral("kind"));
    if (kind == u"avgprice")
      indicators::averagePrice(in[0], in[1], in[2], in[3], out[0]);
    else if (kind == u"medprice")
      indicators::medianPrice(in[0], in[1], out[0]);
    else if (kind == u"typprice")
      indicators::typicalPrice(in[0], in[1], in[2], out[0]);
    else
      indicators::weightedClosePrice(in[0], in[1], in[2], out[0]);
  }
};

}  // namespace strata

#include "price_transform_plugin.moc"
