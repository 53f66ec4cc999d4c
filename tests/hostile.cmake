# Hostile input (issue 20): reproducers that crashed, hung or ate memory, each now a clear error
# with the documented exit code. The suites bound themselves (deadlines, a capped address space;
# tests/hostile/bounded_case.h) and the CLI harness kills a run past a few seconds or 1 GB RSS,
# so a regression fails fast instead of waiting for the CTest TIMEOUT below.
add_executable(test_hostile_input hostile/test_hostile_input.cpp)
# yaml-cpp directly too: the test checks that its single-document YAML::Load returns on the text
# that hangs LoadAll.
target_link_libraries(test_hostile_input PRIVATE strata_engine Qt6::Test yaml-cpp)
strata_warnings(test_hostile_input)
add_test(NAME test_hostile_input COMMAND test_hostile_input)
set_tests_properties(test_hostile_input PROPERTIES TIMEOUT 180 LABELS hostile)

if(TARGET strata_ui)
  add_executable(test_hostile_editor hostile/test_hostile_editor.cpp)
  target_link_libraries(test_hostile_editor PRIVATE strata_ui Qt6::Test Qt6::Widgets)
  target_compile_definitions(test_hostile_editor PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}")
  strata_warnings(test_hostile_editor)
  get_property(_strata_hostile_plugins GLOBAL PROPERTY STRATA_PLUGINS)
  add_dependencies(test_hostile_editor ${_strata_hostile_plugins})
  add_test(NAME test_hostile_editor COMMAND test_hostile_editor)
  set_tests_properties(test_hostile_editor PROPERTIES TIMEOUT 120 LABELS hostile
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endif()

add_test(NAME hostile_cli COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/test_hostile_cli.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/hostile-cli-work)
set_tests_properties(hostile_cli PROPERTIES TIMEOUT 300 LABELS hostile)
# Exports under SIGINT/SIGTERM/SIGHUP and SIGKILL (temporaries removed or swept), onto FIFOs,
# devices, sockets and symlinks, several files checked before the first is written, CSV options
# and Parquet footers that would not read back (issue 20, items 11, 12, 14).
add_test(NAME hostile_export COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/hostile/test_hostile_export.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/hostile-export-work)
set_tests_properties(hostile_export PROPERTIES TIMEOUT 300 LABELS hostile)
