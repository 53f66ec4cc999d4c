# The engineer module: the CSV directory source (policies, per-timeframe files, pandas resample
# parity), FeatureEngineer (multi == single, isolation, progress, cancellation, store), the
# aligned matrix (hand case, truncation invariance), raw values kept with the features.
foreach(test test_csv_directory_source test_feature_engineer test_aligned_matrix test_keep_raw)
  add_executable(${test} engineer/${test}.cpp engineer/engineer_support.cpp test_support.cpp)
  target_link_libraries(${test} PRIVATE strata_engine Qt6::Test Qt6::Concurrent)
  target_compile_definitions(${test} PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}"
    STRATA_REFERENCE_PYTHON="${STRATA_REFERENCE_PYTHON}"
    STRATA_ENGINEER_TEST_DIR="${CMAKE_CURRENT_SOURCE_DIR}/engineer")
  strata_warnings(${test})
  add_test(NAME ${test} COMMAND ${test})
  set_tests_properties(${test} PROPERTIES TIMEOUT 600)
  get_property(_strata_engineer_plugins GLOBAL PROPERTY STRATA_PLUGINS)
  add_dependencies(${test} ${_strata_engineer_plugins})
endforeach()
# strata-cli generate --timeframes/--aligned and strata-cli symbols, end to end, checked by pandas.
add_test(NAME cli_timeframes COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli_timeframes.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-timeframes-work)
set_tests_properties(cli_timeframes PROPERTIES TIMEOUT 600)
