add_executable(bench_kernels ${CMAKE_CURRENT_SOURCE_DIR}/bench_kernels.cpp)
# Each plugin's kernel library: the very code the plugins run.
target_link_libraries(bench_kernels PRIVATE strata_engine strata_kernel_rsi strata_kernel_macd
  strata_kernel_bollinger strata_kernel_atr strata_kernel_obv strata_kernel_microstructure
  strata_kernel_lag strata_kernel_crossover)
set_target_properties(bench_kernels PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_kernels)
