# Formulas (docs/formulas.md): the expression step's language through the real registry, with
# the real plugins loaded from disk (a formula calls their kernels).
add_executable(test_formula formula/test_formula.cpp)
target_link_libraries(test_formula PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_formula PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}")
strata_warnings(test_formula)
get_property(_strata_formula_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(test_formula ${_strata_formula_plugins})
add_test(NAME test_formula COMMAND test_formula)
set_tests_properties(test_formula PROPERTIES TIMEOUT 300 LABELS formula)
# The documented formulas against their pandas equivalents (tests/reference/formula_reference.py
# writes the cases at test time), run by the catalogue's reference suite; and docs/formulas.md
# holds exactly the generator's table.
set(STRATA_FORMULA_CASES ${CMAKE_CURRENT_BINARY_DIR}/formula-cases)
add_test(NAME formula_reference_cases
  COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/reference/formula_reference.py
          ${STRATA_RESOURCES_DIR}/data ${STRATA_FORMULA_CASES})
set_tests_properties(formula_reference_cases PROPERTIES FIXTURES_SETUP formula_cases TIMEOUT 300 LABELS formula)
add_test(NAME test_formula_reference COMMAND test_catalogue_reference)
set_tests_properties(test_formula_reference PROPERTIES FIXTURES_REQUIRED formula_cases TIMEOUT 600
  ENVIRONMENT STRATA_CATALOGUE_CASES=${STRATA_FORMULA_CASES} LABELS formula)
add_test(NAME docs_formulas
  COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/reference/formula_reference.py
          --check-page ${PROJECT_SOURCE_DIR}/docs/formulas.md)
set_tests_properties(docs_formulas PROPERTIES TIMEOUT 60 LABELS formula)
# strata-cli check-config: the documented formulas (formula_reference.py's cases) pass the
# truncation check; a step that looks ahead (tests/bad_plugins) fails with the row that moved;
# bad formulas are located to the character.
add_test(NAME cli_check_config COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli_check_config.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-check-config-work
  --bad-plugin-dir ${STRATA_BAD_PLUGIN_DIR} --formula-cases ${STRATA_FORMULA_CASES})
set_tests_properties(cli_check_config PROPERTIES TIMEOUT 300 FIXTURES_REQUIRED formula_cases)
