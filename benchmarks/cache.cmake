# Feature cache: recompute vs memory hit vs Redis hit (benchmarks/cache.sh runs it with a
# private redis-server and redis-benchmark beside it).
add_executable(bench_cache ${CMAKE_CURRENT_SOURCE_DIR}/bench_cache.cpp)
target_link_libraries(bench_cache PRIVATE strata_engine)
set_target_properties(bench_cache PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_cache)
