# Pipeline configuration, plugin metadata, plugin loading and the plugin contract.
# Included by tests/CMakeLists.txt.
get_property(_strata_real_plugins GLOBAL PROPERTY STRATA_PLUGINS)

# Purpose-built bad (and two good) plugins, in their own directory so the real plugin directory
# stays clean: build/bad_plugins/libstrata_test_*.so.
set(STRATA_BAD_PLUGIN_DIR ${CMAKE_BINARY_DIR}/bad_plugins)
set(_strata_bad_plugins)
# strata_test_plugin(name [directory]): bad_plugins/<name>.cpp as a plugin in the directory
# (the bad plugin directory unless given).
function(strata_test_plugin name)
  set(directory ${STRATA_BAD_PLUGIN_DIR})
  if(ARGC GREATER 1)
    set(directory ${ARGV1})
  endif()
  set(target strata_test_plugin_${name})
  add_library(${target} MODULE bad_plugins/${name}.cpp)
  target_link_libraries(${target} PRIVATE Strata::sdk)
  set_target_properties(${target} PROPERTIES OUTPUT_NAME strata_test_${name}
    LIBRARY_OUTPUT_DIRECTORY ${directory} AUTOMOC ON)
  set(_strata_bad_plugins ${_strata_bad_plugins} ${target} PARENT_SCOPE)
endfunction()
foreach(name good throws api_iid api_json dup_rsi dup_a dup_b missing_symbol meta_minmax
        meta_type meta_lookback lookahead wrong_lookback loose_schema skips_nan shared_state
        meta_display display throws_in_constructor throws_in_plan)
  strata_test_plugin(${name})
endforeach()
# Undefined symbols are allowed in shared objects by default; say so explicitly in case a
# toolchain default or a future global flag adds -z defs / --no-undefined.
target_link_options(strata_test_plugin_missing_symbol PRIVATE -Wl,--unresolved-symbols=ignore-all)
# A shared library that is not a Qt plugin at all.
add_library(strata_test_not_a_plugin MODULE bad_plugins/not_a_plugin.cpp)
set_target_properties(strata_test_not_a_plugin PROPERTIES OUTPUT_NAME strata_test_not_a_plugin
  LIBRARY_OUTPUT_DIRECTORY ${STRATA_BAD_PLUGIN_DIR})
list(APPEND _strata_bad_plugins strata_test_not_a_plugin)

foreach(test test_pipeline_config test_plugin_loader test_plugin_contract)
  add_executable(${test} ${test}.cpp test_support.cpp)
  target_link_libraries(${test} PRIVATE strata_engine Qt6::Test)
  target_compile_definitions(${test} PRIVATE
    STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
    STRATA_BAD_PLUGIN_DIR="${STRATA_BAD_PLUGIN_DIR}"
    STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}")
  strata_warnings(${test})
  if(_strata_real_plugins)
    add_dependencies(${test} ${_strata_real_plugins})
  endif()
  add_test(NAME ${test} COMMAND ${test})
  set_tests_properties(${test} PROPERTIES TIMEOUT 300)
endforeach()
add_dependencies(test_plugin_loader ${_strata_bad_plugins})
add_dependencies(test_plugin_contract ${_strata_bad_plugins})

# strata-cli check-plugin end to end: the real binary on every bundled plugin library in the
# plugin directory (each must pass) and on the bad plugins (each fails its check, exit 1 or 3).
add_executable(test_check_plugin_cli test_check_plugin_cli.cpp)
target_link_libraries(test_check_plugin_cli PRIVATE Qt6::Core Qt6::Test)
target_compile_definitions(test_check_plugin_cli PRIVATE
  STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_BAD_PLUGIN_DIR="${STRATA_BAD_PLUGIN_DIR}"
  STRATA_CLI="$<TARGET_FILE:strata-cli>")
strata_warnings(test_check_plugin_cli)
add_dependencies(test_check_plugin_cli strata-cli ${_strata_bad_plugins})
if(_strata_real_plugins)
  add_dependencies(test_check_plugin_cli ${_strata_real_plugins})
endif()
add_test(NAME test_check_plugin_cli COMMAND test_check_plugin_cli)
set_tests_properties(test_check_plugin_cli PROPERTIES TIMEOUT 600)

# Libraries that crash, hang or exit while loading: each is tried in a child process first and
# refused. Their own directory, since a build without the probe (TSan) would die loading them.
set(STRATA_CRASHING_PLUGIN_DIR ${CMAKE_BINARY_DIR}/crashing_plugins)
set(_strata_bad_plugins_before ${_strata_bad_plugins})
foreach(name crashes_on_load crashes_in_constructor hangs_in_constructor exits_in_constructor)
  strata_test_plugin(${name} ${STRATA_CRASHING_PLUGIN_DIR})
endforeach()
set(_strata_crashing_plugins ${_strata_bad_plugins})
list(REMOVE_ITEM _strata_crashing_plugins ${_strata_bad_plugins_before})
set(_strata_bad_plugins ${_strata_bad_plugins_before})
add_executable(test_plugin_probe test_plugin_probe.cpp)
target_link_libraries(test_plugin_probe PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_plugin_probe PRIVATE
  STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_CRASHING_PLUGIN_DIR="${STRATA_CRASHING_PLUGIN_DIR}"
  STRATA_CLI="$<TARGET_FILE:strata-cli>")
strata_warnings(test_plugin_probe)
add_dependencies(test_plugin_probe strata-cli ${_strata_crashing_plugins})
if(_strata_real_plugins)
  add_dependencies(test_plugin_probe ${_strata_real_plugins})
endif()
add_test(NAME test_plugin_probe COMMAND test_plugin_probe)
set_tests_properties(test_plugin_probe PROPERTIES TIMEOUT 120 LABELS hostile)
