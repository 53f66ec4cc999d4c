# The workbench GUI: pure helpers (decimation, histogram, chart data) and the real main window
# driven like a user with the offscreen platform. Screenshots of each view land in
# build/screenshots/.
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Charts)
get_property(_strata_gui_test_plugins GLOBAL PROPERTY STRATA_PLUGINS)
foreach(test test_chart_decimation test_gui_widgets test_workbench_window)
  add_executable(${test} gui/${test}.cpp)
  target_link_libraries(${test} PRIVATE strata_ui Qt6::Test Qt6::Widgets)
  target_compile_definitions(${test} PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}"
    STRATA_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")
  strata_warnings(${test})
  add_dependencies(${test} ${_strata_gui_test_plugins})
  add_test(NAME gui_${test} COMMAND ${test})
  set_tests_properties(gui_${test} PROPERTIES TIMEOUT 600
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;STRATA_PLUGIN_PATH=${STRATA_PLUGIN_OUTPUT_DIR}")
endforeach()
