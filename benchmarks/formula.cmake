# Formulas against the SMA plugin and pandas: bench_formula times the engine side,
# compare_formula.py runs it beside pandas on the same bars.
add_executable(bench_formula ${CMAKE_CURRENT_SOURCE_DIR}/bench_formula.cpp)
target_link_libraries(bench_formula PRIVATE strata_engine)
set_target_properties(bench_formula PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_formula)
