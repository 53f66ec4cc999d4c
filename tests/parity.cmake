# Parity with the independent pandas reference: the generator writes the cases at test time
# (nothing generated is committed), then the QtTest suite compares every cell.
set(STRATA_PARITY_DIR ${CMAKE_CURRENT_BINARY_DIR}/parity-cases)
add_test(NAME parity_reference
  COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/reference/make_cases.py
          ${STRATA_RESOURCES_DIR}/data ${STRATA_PARITY_DIR})
set_tests_properties(parity_reference PROPERTIES FIXTURES_SETUP parity_cases TIMEOUT 600)

add_executable(test_parity test_parity.cpp test_support.cpp)
target_link_libraries(test_parity PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_parity PRIVATE STRATA_PARITY_DIR="${STRATA_PARITY_DIR}"
  STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}")
strata_warnings(test_parity)
# The suite loads the real plugin libraries from disk: build them with it.
get_property(_strata_parity_plugins GLOBAL PROPERTY STRATA_PLUGINS)
if(_strata_parity_plugins)
  add_dependencies(test_parity ${_strata_parity_plugins})
endif()
add_test(NAME parity COMMAND test_parity)
set_tests_properties(parity PROPERTIES FIXTURES_REQUIRED parity_cases TIMEOUT 600)
