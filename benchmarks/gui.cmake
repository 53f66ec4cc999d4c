# bench_gui: Run-to-first-chart for a year of 1m bars and chart update times on zoom/pan, on the
# real workbench window (offscreen platform). Results in docs/benchmarks.md under "## GUI".
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets)
add_executable(bench_gui ${CMAKE_CURRENT_SOURCE_DIR}/bench_gui.cpp)
target_link_libraries(bench_gui PRIVATE strata_ui)
target_compile_definitions(bench_gui PRIVATE STRATA_BUILD_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}")
set_target_properties(bench_gui PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin
  BUILD_RPATH "${CMAKE_BINARY_DIR}/lib")
strata_warnings(bench_gui)
