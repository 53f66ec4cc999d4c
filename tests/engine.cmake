# Engine units: matrix memory, the CSV bar reader, the pipeline's run behaviour.
foreach(test test_matrix test_csv_bars test_pipeline)
  add_executable(${test} ${test}.cpp test_support.cpp)
  target_link_libraries(${test} PRIVATE strata_engine Qt6::Test)
  target_compile_definitions(${test} PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}")
  strata_warnings(${test})
  add_test(NAME ${test} COMMAND ${test})
  set_tests_properties(${test} PROPERTIES TIMEOUT 300)
endforeach()
get_property(_strata_engine_test_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(test_pipeline ${_strata_engine_test_plugins})
