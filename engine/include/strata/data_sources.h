#pragma once
// The DataSource named by the workbench settings: data.source "csv" (a CSV directory, the
// bundled data when csv_dir is empty) or "postgres" (PostgresDataSource from postgres_dsn).
#include "strata/visibility.h"
#include "strata/app_settings.h"
#include "strata/data_source.h"

#include <QString>

#include <memory>

namespace strata {

/// Null with `error` set (when given) when the settings cannot make a source: an unknown
/// source name, a DSN libpq cannot parse or one that holds a password. Never connects.
STRATA_ENGINE_EXPORT std::shared_ptr<DataSource> makeDataSource(const DataSettings& settings, QString* error);

}  // namespace strata
