#pragma once
// The element type of a feature matrix. Part of the pipeline config (it changes the values), so
// kept in a header of its own that both the config and the matrix can include.
#include "strata/visibility.h"
#include <QString>

#include <optional>

namespace strata {

enum class Precision { Float64, Float32 };

/// The YAML / CLI / provenance spelling: "float64", "float32".
STRATA_ENGINE_EXPORT QString precisionName(Precision precision);
STRATA_ENGINE_EXPORT std::optional<Precision> precisionFromName(const QString& name);

}  // namespace strata
