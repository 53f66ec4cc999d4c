// A plugin's JSON metadata (its "MetaData" object), read before any of its code runs when the
// registry scans a plugin directory: PluginInfo::fromJson, then what the registry, the
// pipeline and the GUI ask of a plugin they accepted (defaults resolved and checked, each
// output's lookback with those defaults, its display hint and placeholders).
// Promise checked: a refused document says why.
#include "fuzz_support.h"
#include "strata/plugin_info.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace strata;

namespace {

constexpr const char* kTarget = "fuzz_plugin_json";

void useAccepted(const PluginInfo& info) {
  QStringList errors;
  const QVariantMap defaults = info.resolveParams({}, &errors);
  for (const OutputSpec& out : info.outputs) {
    QString error;
    (void)evaluateLookback(out.lookback, defaults, &error);
    const QVariantMap placeholders = out.placeholderValues(out.name, defaults);
    (void)out.displayFor(placeholders);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  const QJsonDocument document = QJsonDocument::fromJson(bytes);
  if (!document.isObject()) return 0;  // Qt refuses it before Strata sees it
  QString error;
  const std::optional<PluginInfo> info = PluginInfo::fromJson(document.object(), &error);
  if (!info) {
    if (error.isEmpty()) fuzz::failBroken(kTarget, QStringLiteral("refused without a reason"));
    return 0;
  }
  useAccepted(*info);
  return 0;
}
