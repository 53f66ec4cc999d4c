#include "strata/data_sources.h"

#include "strata/csv_directory_source.h"
#include "strata/postgres_source.h"

namespace strata {

std::shared_ptr<DataSource> makeDataSource(const DataSettings& settings, QString* error) {
  try {
    if (settings.source == u"postgres") return std::make_shared<PostgresDataSource>(settings);
    if (settings.source == u"csv") return makeCsvDirectorySource(settings);
    if (error) *error = QStringLiteral("data source '%1' is not csv or postgres").arg(settings.source);
  } catch (const DataError& e) {
    if (error) *error = QString::fromStdString(e.what());
  }
  return nullptr;
}

}  // namespace strata
