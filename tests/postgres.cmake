# PostgresDataSource and strata-cli import against a real PostgreSQL: tests/services/postgres.sh
# starts a private cluster (initdb in the build tree, a free loopback port) as a CTest fixture,
# so `ctest` alone runs them; the cluster is removed afterwards.
find_package(PkgConfig REQUIRED)
pkg_check_modules(STRATA_TEST_PQXX REQUIRED IMPORTED_TARGET libpqxx libpq)
set(STRATA_PG_STATE_DIR ${CMAKE_CURRENT_BINARY_DIR}/postgres-service)

add_test(NAME postgres_start COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/services/postgres.sh start ${STRATA_PG_STATE_DIR})
add_test(NAME postgres_stop COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/services/postgres.sh stop ${STRATA_PG_STATE_DIR})
set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60)

foreach(test test_postgres test_postgres_parity test_postgres_faults test_postgres_import)
  add_executable(${test} ${test}.cpp postgres/pg_test_support.cpp postgres/pg_fault_support.cpp test_support.cpp)
  target_include_directories(${test} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${test} PRIVATE strata_engine Qt6::Test PkgConfig::STRATA_TEST_PQXX)
  target_compile_definitions(${test} PRIVATE STRATA_PG_STATE_DIR="${STRATA_PG_STATE_DIR}" STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}" STRATA_CLI="$<TARGET_FILE:strata-cli>"
    STRATA_REFERENCE_PYTHON="${STRATA_REFERENCE_PYTHON}"
    STRATA_PANDAS_RESAMPLE="${CMAKE_CURRENT_SOURCE_DIR}/postgres/pandas_resample.py")
  set_target_properties(${test} PROPERTIES AUTOMOC ON)
  strata_warnings(${test})
  add_dependencies(${test} strata-cli)
  get_property(_strata_pg_plugins GLOBAL PROPERTY STRATA_PLUGINS)
  if(_strata_pg_plugins)
    add_dependencies(${test} ${_strata_pg_plugins})
  endif()
  add_test(NAME ${test} COMMAND ${test})
  set_tests_properties(${test} PROPERTIES FIXTURES_REQUIRED postgres TIMEOUT 300)
endforeach()

# Plain strata-cli generate (no --timeframes) reads data.source: postgres from --settings.
add_test(NAME cli_postgres COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli_postgres.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-postgres-work --pg-state ${STRATA_PG_STATE_DIR})
set_tests_properties(cli_postgres PROPERTIES FIXTURES_REQUIRED postgres TIMEOUT 300)
