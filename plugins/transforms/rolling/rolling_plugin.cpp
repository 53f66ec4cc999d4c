#include "strata/sdk/plugin_support.h"
#include "strata/sdk/kernels.h"

#include <QObject>

namespace strata {

// One task per (column, window); its outputs are the requested functions, so the input column
// is read while warm for all of them.
class RollingPlugin : public QObject, public FeaturePlugin {
  Q_OBJECT
  Q_PLUGIN_METADATA(IID StrataFeaturePlugin_iid FILE "rolling.json")
  Q_INTERFACES(strata::FeaturePlugin)

 public:
  std::vector<Task> plan(const Params& params, const QStringList& sources, QString* error) const override {
    const QStringList functions = params.texts(QStringLiteral("functions"));
    const int ddof = params.integer(QStringLiteral("ddof"));
    if (functions.contains(QStringLiteral("std")))
      for (int window : params.integers(QStringLiteral("windows")))
        if (window <= ddof) {  // every row would be NaN: a mistake to show, not a column to write
          *error = QStringLiteral("std over a window of %1 with ddof %2 is undefined; use a window "
                                  "above %2 or ddof 0").arg(window).arg(ddof);
          return {};
        }
    std::vector<Task> tasks;
    for (const QString& column : sources)
      for (int window : params.integers(QStringLiteral("windows"))) {
        Task task;
        task.inputs = {column};
        for (const QString& function : functions) {
          task.outputs << QStringLiteral("%1_roll_%2_%3").arg(column).arg(window).arg(function);
          task.outputSpecs << 0;
        }
        task.bindings = {{QStringLiteral("column"), column},
                         {QStringLiteral("window"), window},
                         {QStringLiteral("functions"), functions}};
        tasks.push_back(std::move(task));
      }
    return tasks;
  }

  void compute(const Params& params, const Task& task, std::span<const ConstColumn> in,
               std::span<const Column> out) const override {
    const int window = task.bindings.value(QStringLiteral("window")).toInt();
    const QStringList functions = task.bindings.value(QStringLiteral("functions")).toStringList();
    const auto output = [&](const char* function) {
      const qsizetype k = functions.indexOf(QLatin1String(function));
      return k < 0 ? Column{} : out[static_cast<std::size_t>(k)];
    };
    // Mean and std share one pass over the window sums.
    const Column mean = output("mean"), std = output("std");
    if (!mean.empty() || !std.empty())
      kernels::rollingMeanStd(in[0], window, params.integer(QStringLiteral("ddof")), mean, std);
    if (const Column min = output("min"); !min.empty()) kernels::rollingMin(in[0], window, min);
    if (const Column max = output("max"); !max.empty()) kernels::rollingMax(in[0], window, max);
  }
};

}  // namespace strata

#include "rolling_plugin.moc"
