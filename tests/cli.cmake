# End-to-end: the real strata-cli binary, the real plugins from disk, the bundled data; the CSV it
# writes is read back by pandas (an independent reader).
add_test(NAME cli COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-work)
set_tests_properties(cli PROPERTIES TIMEOUT 300)
