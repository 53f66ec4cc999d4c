// strata-cli check-plugin: runs the plugin contract (the checks CI runs on the bundled plugins) on
// any plugin library, for plugin authors.
#include "cli_common.h"
#include "strata/plugin_check.h"

#include <QJsonDocument>

namespace strata::cli {
namespace {

void printJson(const QJsonObject& object) {
  out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
  out().flush();
}

// --seed and --cuts; false (after saying why) when either is not a whole number in range.
bool readOptions(const QCommandLineParser& parser, PluginCheckOptions* options) {
  bool seedOk = false, cutsOk = false;
  options->seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
  options->cuts = parser.value(QStringLiteral("cuts")).toInt(&cutsOk);
  if (!seedOk) err() << "strata-cli check-plugin: --seed needs a whole number >= 0\n";
  if (!cutsOk || options->cuts < 1 || options->cuts > 10000)
    err() << "strata-cli check-plugin: --cuts needs a whole number from 1 to 10000\n";
  return seedOk && cutsOk && options->cuts >= 1 && options->cuts <= 10000;
}

}  // namespace

int runCheckPlugin(const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Check a plugin library against the plugin contract: metadata (IID, apiVersion, schema), "
      "plan, declared lookback vs leading NaN rows, truncation invariance at random cut points "
      "(no look-ahead), bad parameters refused by the schema, NaN/inf inputs, 0-, 1- and 2-row "
      "inputs, determinism across threads. Exit 0 when every check holds, 1 when one fails, 3 "
      "when the library cannot be loaded or its metadata is refused."));
  parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("The plugin library (.so)."));
  parser.addOptions({
      {QStringLiteral("seed"), QStringLiteral("Seed of the bars and the cut points (default 1)."),
       QStringLiteral("N"), QStringLiteral("1")},
      {QStringLiteral("cuts"),
       QStringLiteral("Random cut points per parameter set and input (default 20)."),
       QStringLiteral("N"), QStringLiteral("20")},
      {QStringLiteral("json"), QStringLiteral("Print the report as JSON.")},
  });
  int code = kOk;
  if (!parseCommand(parser, args, &code)) return code;
  if (parser.positionalArguments().size() != 1) {
    err() << "strata-cli check-plugin: give one plugin library\n";
    return kUsage;
  }
  PluginCheckOptions options;
  if (!readOptions(parser, &options)) return kUsage;
  const QString path = parser.positionalArguments().front();
  const bool json = parser.isSet(QStringLiteral("json"));
  QString refusal;
  const std::optional<PluginCheckReport> report = checkPluginLibrary(path, options, &refusal);
  if (!report) {
    err() << "strata-cli check-plugin: cannot check " << refusal << '\n';
    if (json) printJson({{"library", path}, {"loaded", false}, {"reason", refusal}});
    return kInvalidInput;
  }
  if (json) {
    QJsonObject object = report->toJson();
    object.insert(QStringLiteral("loaded"), true);
    printJson(object);
  } else {
    out() << report->toText();
    out().flush();
  }
  return report->passed() ? kOk : kFailure;
}

}  // namespace strata::cli
