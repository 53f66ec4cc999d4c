#include "linearreg.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {
namespace {

// The "form" choice, which is also the output's name; the schema has refused anything else.
indicators::RegressionForm formOf(const QString& form) {
  if (form == u"linearreg_slope") return indicators::RegressionForm::Slope;
  if (form == u"linearreg_intercept") return indicators::RegressionForm::Intercept;
  if (form == u"linearreg_angle") return indicators::RegressionForm::Angle;
  if (form == u"tsf") return indicators::RegressionForm::Forecast;
  return indicators::RegressionForm::Value;
}

}  // namespace

class LinearregPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "linearreg.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString*) const override {
    return {plugin_support::choiceTask(params, QStringLiteral("form"), {QStringLiteral("close")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::linearreg(in[0], params.integer(QStringLiteral("window")),
                          formOf(params.text(QStringLiteral("form"))), out[0]);
  }
};

}  // namespace strata

#include "linearreg_plugin.moc"
