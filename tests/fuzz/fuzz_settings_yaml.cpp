// strata.yaml as --settings and the workbench read it: AppSettings::fromYaml. Promises checked:
// a refusal says where and what; parsed settings write YAML that reads back to the same text.
#include "fuzz_support.h"
#include "strata/app_settings.h"

using namespace strata;

namespace {
constexpr const char* kTarget = "fuzz_settings_yaml";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const QString text = fuzz::utf8Text(data, size);
  std::vector<Diagnostic> errors;
  const std::optional<AppSettings> settings =
      AppSettings::fromYaml(text, QStringLiteral("strata.yaml"), &errors);
  if (!settings) {
    if (errors.empty())
      fuzz::failBroken(kTarget, QStringLiteral("refused without a diagnostic:\n%1").arg(text));
    for (const Diagnostic& d : errors)
      if (d.message.isEmpty() || d.where.line < 1)
        fuzz::failBroken(
            kTarget,
            QStringLiteral("a diagnostic without a line or a message: '%1'").arg(d.toString()));
    return 0;
  }
  const QString written = settings->toYaml();
  std::vector<Diagnostic> again;
  const std::optional<AppSettings> reread =
      AppSettings::fromYaml(written, QStringLiteral("written.yaml"), &again);
  if (!reread || reread->toYaml() != written)
    fuzz::failBroken(
        kTarget,
        QStringLiteral("the written settings do not read back the same:\n%1\n--- written:\n%2")
            .arg(text, written));
  return 0;
}
