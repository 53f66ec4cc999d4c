# Data sources: the embedded CSV directory (and single file), PostgreSQL through libpqxx (libpq
# underneath), and the settings' factory.
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx libpq)
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cancel_scope.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_connection_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_query_watch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pg_bar_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/postgres_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/data_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bad_rows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_directory_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symbol_name.cpp)
target_link_libraries(strata_engine PRIVATE PkgConfig::PQXX)
