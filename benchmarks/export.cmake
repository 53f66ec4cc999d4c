# Export: Strata's CSV/Parquet writers against pandas to_csv and DuckDB's COPY (compare_export.py).
add_executable(bench_export ${CMAKE_CURRENT_SOURCE_DIR}/bench_export.cpp)
target_link_libraries(bench_export PRIVATE strata_engine)
set_target_properties(bench_export PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_export)
