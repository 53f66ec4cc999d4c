# The indicator catalogue against TA-Lib's own outputs (tests/golden/talib/, gzipped: read with
# zlib). The real plugins are loaded from the plugin directory, so the test depends on them all.
find_package(ZLIB REQUIRED)
add_executable(test_talib_golden catalogue/test_talib_golden.cpp test_support.cpp)
target_include_directories(test_talib_golden PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_talib_golden PRIVATE strata_engine Qt6::Test ZLIB::ZLIB)
target_compile_definitions(test_talib_golden PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}" STRATA_GOLDEN_DIR="${CMAKE_CURRENT_SOURCE_DIR}/golden/talib")
strata_warnings(test_talib_golden)
get_property(_strata_catalogue_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(test_talib_golden ${_strata_catalogue_plugins})
add_test(NAME test_talib_golden COMMAND test_talib_golden)
set_tests_properties(test_talib_golden PROPERTIES TIMEOUT 600 LABELS catalogue)
# docs/indicators.md is what the plugins' metadata says (strata-cli plugins --markdown).
add_test(NAME docs_indicators COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:strata-cli>
  -DPLUGIN_DIR=${STRATA_PLUGIN_OUTPUT_DIR} -DPAGE=${PROJECT_SOURCE_DIR}/docs/indicators.md
  -DWORK=${CMAKE_CURRENT_BINARY_DIR}/docs-indicators.md -P ${CMAKE_CURRENT_SOURCE_DIR}/catalogue/check_docs_page.cmake)
set_tests_properties(docs_indicators PROPERTIES TIMEOUT 120 LABELS catalogue)
# The indicators beyond TA-Lib against their pandas references: the generator writes the cases
# at test time (nothing generated is committed), then the suite runs each through the plugin.
set(STRATA_CATALOGUE_CASES ${CMAKE_CURRENT_BINARY_DIR}/catalogue-cases)
add_test(NAME catalogue_reference_cases
  COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/reference/catalogue_reference.py
          ${STRATA_RESOURCES_DIR}/data ${STRATA_CATALOGUE_CASES})
set_tests_properties(catalogue_reference_cases PROPERTIES FIXTURES_SETUP catalogue_cases TIMEOUT 300
  LABELS catalogue)
add_executable(test_catalogue_reference catalogue/test_catalogue_reference.cpp test_support.cpp)
target_include_directories(test_catalogue_reference PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test_catalogue_reference PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_catalogue_reference PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_CATALOGUE_CASES="${STRATA_CATALOGUE_CASES}")
strata_warnings(test_catalogue_reference)
add_dependencies(test_catalogue_reference ${_strata_catalogue_plugins})
add_test(NAME test_catalogue_reference COMMAND test_catalogue_reference)
set_tests_properties(test_catalogue_reference PROPERTIES FIXTURES_REQUIRED catalogue_cases TIMEOUT 600
  LABELS catalogue)
