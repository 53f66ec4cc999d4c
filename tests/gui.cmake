# The workbench GUI: pure helpers (decimation, histogram, chart data and series) and the real
# main window driven like a user with the offscreen platform (the charts on their own too).
# Screenshots of each view land in build/screenshots/.
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets Charts)
get_property(_strata_gui_test_plugins GLOBAL PROPERTY STRATA_PLUGINS)
foreach(test test_chart_decimation test_gui_widgets test_workbench_window test_chart_panel test_formula_editor)
  add_executable(${test} gui/${test}.cpp)
  target_link_libraries(${test} PRIVATE strata_ui Qt6::Test Qt6::Widgets)
  target_compile_definitions(${test} PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_BAD_PLUGIN_DIR="${STRATA_BAD_PLUGIN_DIR}" STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}"
    STRATA_SCREENSHOT_DIR="${CMAKE_BINARY_DIR}/screenshots")
  strata_warnings(${test})
  add_dependencies(${test} ${_strata_gui_test_plugins})
  add_test(NAME gui_${test} COMMAND ${test})
  set_tests_properties(gui_${test} PROPERTIES TIMEOUT 600
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;STRATA_PLUGIN_PATH=${STRATA_PLUGIN_OUTPUT_DIR}")
endforeach()
# The chart test also charts a purpose-built plugin the GUI knows only from its display hints.
add_dependencies(test_chart_panel strata_test_plugin_display)

# Settings > Cache against a real redis-server of its own (tests/cache/redis_server.cpp).
if(TARGET strata_cache_test_support)
  add_executable(test_cache_dialog gui/test_cache_dialog.cpp)
  target_link_libraries(test_cache_dialog PRIVATE strata_ui strata_cache_test_support Qt6::Test Qt6::Widgets)
  strata_warnings(test_cache_dialog)
  add_dependencies(test_cache_dialog ${_strata_gui_test_plugins})
  add_test(NAME gui_test_cache_dialog COMMAND test_cache_dialog)
  set_tests_properties(gui_test_cache_dialog PROPERTIES TIMEOUT 600
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;STRATA_PLUGIN_PATH=${STRATA_PLUGIN_OUTPUT_DIR}")
endif()
