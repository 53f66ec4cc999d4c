# cmake -DCLI=strata-cli -DPLUGIN_DIR=dir -DPAGE=docs/indicators.md -DWORK=out.md -P check_docs_page.cmake
# Fails, saying how to bring it up to date, when PAGE is not what `strata-cli plugins --markdown`
# writes for the plugins in PLUGIN_DIR.
execute_process(COMMAND ${CLI} plugins --markdown --plugin-dir ${PLUGIN_DIR}
  OUTPUT_FILE ${WORK} ERROR_VARIABLE warnings RESULT_VARIABLE code)
if(NOT code EQUAL 0 OR NOT warnings STREQUAL "")
  message(FATAL_ERROR "strata-cli plugins --markdown: exit ${code}\n${warnings}")
endif()
file(READ ${PAGE} checked_in)
file(READ ${WORK} written)
if(NOT checked_in STREQUAL written)
  execute_process(COMMAND diff -u ${PAGE} ${WORK} OUTPUT_VARIABLE difference)
  string(SUBSTRING "${difference}" 0 4000 difference)
  message(FATAL_ERROR "${PAGE} is not what the plugins say; write it anew with\n"
    "  build/bin/strata-cli plugins --markdown > docs/indicators.md\n${difference}")
endif()
