#include "bollinger.h"

#include "strata/sdk/plugin_support.h"

#include <QObject>

namespace strata {

class BollingerPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "bollinger.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList&, QString* error) const override {
    const int window = params.integer(QStringLiteral("window")), ddof = params.integer(QStringLiteral("ddof"));
    if (window <= ddof) {  // every band would be NaN: a mistake to show, not columns to write
      *error = QStringLiteral("a window of %1 with ddof %2 has no standard deviation; use a window "
                              "above %2 or ddof 0").arg(window).arg(ddof);
      return {};
    }
    return {plugin_support::wholeTask(
        {QStringLiteral("close")},
        {QStringLiteral("bb_upper"), QStringLiteral("bb_middle"), QStringLiteral("bb_lower"),
         QStringLiteral("bb_bandwidth"), QStringLiteral("bb_percent_b")})};
  }
  void compute(const Params& params, const Task&, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    indicators::bollinger(in[0], params.integer(QStringLiteral("window")),
                          params.real(QStringLiteral("num_std_dev")),
                          params.integer(QStringLiteral("ddof")), out[0], out[1], out[2], out[3],
                          out[4]);
  }
};

}  // namespace strata

#include "bollinger_plugin.moc"
