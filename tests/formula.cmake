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
