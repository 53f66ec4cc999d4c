#pragma once
#include "strata/visibility.h"
#include "strata/bars.h"

#include <QString>
#include <optional>
#include <string_view>

namespace strata {

/// "2020-01-02T03:04:05Z", or with ".123456" when the microseconds are not zero. Writes at most
/// 27 characters to `out` and returns how many.
STRATA_ENGINE_EXPORT int formatIsoUtc(Timestamp t, char* out);
STRATA_ENGINE_EXPORT QString isoUtc(Timestamp t);

/// Parses "2020-01-02", "2020-01-02T03:04:05[.ffffff][Z|+hh:mm|-hh:mm|+hh|-hh]" (a space may stand for
/// the T): a real calendar date in the years 0001-9999, an offset within +-18:00. Returns nullopt
/// for anything else.
STRATA_ENGINE_EXPORT std::optional<Timestamp> parseIsoUtc(std::string_view text);

}  // namespace strata
