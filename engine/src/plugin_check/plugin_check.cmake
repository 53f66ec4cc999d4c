# The plugin checker (strata-cli check-plugin, test_plugin_contract): the plugin contract run on
# any loaded plugin, on buffers and threads of its own.
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/check_inputs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_run.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_threads.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pipeline_check.cpp
)
