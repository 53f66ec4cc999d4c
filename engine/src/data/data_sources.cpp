#include "strata/data_sources.h"

#include "strata/postgres_source.h"

// The CSV directory source is its own module (engine/src/engineer); until it is built in, the
// factory makes PostgreSQL sources only and says so.
#if __has_include("strata/csv_directory_source.h")
#include "strata/csv_directory_source.h"
#define STRATA_HAVE_CSV_DIRECTORY_SOURCE 1
#endif

namespace strata {

std::shared_ptr<DataSource> makeDataSource(const DataSettings& settings, QString* error) {
  try {
    if (settings.source == u"postgres") return std::make_shared<PostgresDataSource>(settings);
#ifdef STRATA_HAVE_CSV_DIRECTORY_SOURCE
    if (settings.source == u"csv") return makeCsvDirectorySource(settings);
#endif
    if (error) *error = QStringLiteral("data source '%1' is not available (csv or postgres)").arg(settings.source);
  } catch (const DataError& e) {
    if (error) *error = QString::fromStdString(e.what());
  }
  return nullptr;
}

}  // namespace strata
