// A lookback expression from a plugin's metadata ("slow_period + signal_period - 2"):
// evaluateLookback against parameter values that include the extremes an int can hold, as the
// registry evaluates it at start-up and the pipeline per task. Promises checked: a refused
// expression says why; a result is within +-INT_MAX.
#include "fuzz_support.h"
#include "strata/plugin_info.h"

#include <limits>

using namespace strata;

namespace {

constexpr const char* kTarget = "fuzz_lookback";

const QVariantMap& parameterValues() {
  static const QVariantMap values{
      {QStringLiteral("period"), 14},
      {QStringLiteral("slow_period"), 26},
      {QStringLiteral("signal_period"), 9},
      {QStringLiteral("window"), 0},
      {QStringLiteral("largest"), std::numeric_limits<int>::max()},
      {QStringLiteral("smallest"), std::numeric_limits<int>::min()},
      {QStringLiteral("wide"), qint64{1} << 40},
      {QStringLiteral("fraction"), 2.5},
      {QStringLiteral("column"), QStringLiteral("close")},
  };
  return values;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  QString error;
  const std::optional<int> lookback =
      evaluateLookback(fuzz::utf8Text(data, size), parameterValues(), &error);
  if (!lookback && error.isEmpty())
    fuzz::failBroken(kTarget, QStringLiteral("refused without a reason"));
  // The parser's promise: every result, partial or whole, within +-INT_MAX.
  if (lookback && *lookback < -std::numeric_limits<int>::max())
    fuzz::failBroken(kTarget, QStringLiteral("%1 is outside +-INT_MAX").arg(*lookback));
  return 0;
}
