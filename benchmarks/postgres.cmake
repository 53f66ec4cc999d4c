# Loading a year of 1m bars from PostgreSQL vs psql \copy of the same rows (see docs/benchmarks.md).
file(GLOB _strata_psql /usr/lib/postgresql/*/bin/psql)
if(_strata_psql)
  list(GET _strata_psql -1 _strata_psql)
else()
  set(_strata_psql psql)
endif()
add_executable(bench_postgres ${CMAKE_CURRENT_SOURCE_DIR}/bench_postgres.cpp)
target_link_libraries(bench_postgres PRIVATE strata_engine)
target_compile_definitions(bench_postgres PRIVATE
  STRATA_POSTGRES_SCRIPT="${PROJECT_SOURCE_DIR}/tests/services/postgres.sh"
  STRATA_BENCH_STATE_DIR="${CMAKE_BINARY_DIR}/bench-postgres"
  STRATA_PG_BIN_GLOB="${_strata_psql}")
set_target_properties(bench_postgres PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_postgres)
