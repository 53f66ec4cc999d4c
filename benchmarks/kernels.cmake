add_executable(bench_kernels ${CMAKE_CURRENT_SOURCE_DIR}/bench_kernels.cpp)
# Each plugin's kernel library: the very code the plugins run.
target_link_libraries(bench_kernels PRIVATE strata_engine strata_kernel_rsi strata_kernel_macd
  strata_kernel_bollinger strata_kernel_atr strata_kernel_obv strata_kernel_microstructure
  strata_kernel_lag strata_kernel_crossover)
foreach(id ${STRATA_CATALOGUE_KERNELS})
  target_link_libraries(bench_kernels PRIVATE strata_kernel_${id})
endforeach()
# TA-Lib's figures, compiled in (no source path in the binary).
set(_talib_timings ${PROJECT_SOURCE_DIR}/tests/golden/talib/talib_ns_per_bar_1M.tsv)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_talib_timings})
file(READ ${_talib_timings} STRATA_TALIB_TIMINGS)
file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/generated/talib_timings.h CONTENT
  "#pragma once\n// Generated from tests/golden/talib/talib_ns_per_bar_1M.tsv by benchmarks/kernels.cmake.\ninline constexpr const char* kTaLibTimingsTsv = R\"tsv(${STRATA_TALIB_TIMINGS})tsv\";\n")
target_include_directories(bench_kernels PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated)
set_target_properties(bench_kernels PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
strata_warnings(bench_kernels)
