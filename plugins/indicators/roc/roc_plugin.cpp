#include "roc.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {
namespace {

// The "form" choice, which is also the output's name; the schema has refused anything else.
indicators::RocForm formOf(const QString& form) {
  if (form == u"rocp") return indicators::RocForm::Fraction;
  if (form == u"rocr") return indicators::RocForm::Ratio;
  if (form == u"rocr100") return indicators::RocForm::Ratio100;
  return indicators::RocForm::Percent;
}

}  // namespace

class RocPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "roc.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString*) const override {
    return {plugin_support::choiceTask(params, QStringLiteral("form"), {QStringLiteral("close")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::roc(in[0], params.integer(QStringLiteral("period")),
                    formOf(params.text(QStringLiteral("form"))), out[0]);
  }
};

}  // namespace strata

#include "roc_plugin.moc"
