# Export: every file the tests write is read back by independent readers: DuckDB and hyparquet
# (npm, installed into the build tree by a CTest fixture) for Parquet, pandas for CSV.
set(STRATA_EXPORT_READERS_DIR ${CMAKE_CURRENT_BINARY_DIR}/export-readers)
add_test(NAME export_readers_install
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/export/install_readers.sh ${CMAKE_CURRENT_SOURCE_DIR}/export
    ${STRATA_EXPORT_READERS_DIR})
set_tests_properties(export_readers_install PROPERTIES FIXTURES_SETUP export_readers TIMEOUT 600)

add_executable(test_export test_export.cpp test_support.cpp)
target_link_libraries(test_export PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_export PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}"
  STRATA_EXPORT_READERS_DIR="${STRATA_EXPORT_READERS_DIR}"
  STRATA_EXPORT_SCRIPTS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/export"
  STRATA_REFERENCE_PYTHON="${STRATA_REFERENCE_PYTHON}"
  STRATA_CLI="$<TARGET_FILE:strata-cli>" STRATA_VERSION="${PROJECT_VERSION}")
strata_warnings(test_export)
get_property(_strata_export_test_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(test_export strata-cli ${_strata_export_test_plugins})
add_test(NAME test_export COMMAND test_export)
set_tests_properties(test_export PROPERTIES FIXTURES_REQUIRED export_readers TIMEOUT 900
  ENVIRONMENT "STRATA_EXPORT_WORK=${CMAKE_CURRENT_BINARY_DIR}/export-work")
# What every export checks before writing (destinations, CSV options, column patterns) and the
# footer reader's refusal of every wrong footer length (issue 20).
add_executable(test_export_checks export/test_export_checks.cpp)
target_link_libraries(test_export_checks PRIVATE strata_engine Qt6::Test)
strata_warnings(test_export_checks)
add_test(NAME test_export_checks COMMAND test_export_checks)
set_tests_properties(test_export_checks PROPERTIES TIMEOUT 120 LABELS hostile)
