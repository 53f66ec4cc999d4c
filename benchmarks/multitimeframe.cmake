# bench_multitimeframe: FeatureEngineer over one year of 1m bars, sequential vs parallel; run by
# benchmarks/compare_multitimeframe.py beside the pandas reference.
add_executable(bench_multitimeframe ${CMAKE_CURRENT_SOURCE_DIR}/bench_multitimeframe.cpp)
target_link_libraries(bench_multitimeframe PRIVATE strata_engine)
set_target_properties(bench_multitimeframe PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_multitimeframe)
# bench_cancel: how soon a cancelled FeatureEngineer run returns, while loading and computing.
add_executable(bench_cancel ${CMAKE_CURRENT_SOURCE_DIR}/bench_cancel.cpp)
target_link_libraries(bench_cancel PRIVATE strata_engine)
set_target_properties(bench_cancel PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_cancel)
