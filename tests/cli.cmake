# End-to-end: the real strata-cli binary, the real plugins from disk, the bundled data; the CSV it
# writes is read back by pandas (an independent reader).
add_test(NAME cli COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-work)
set_tests_properties(cli PROPERTIES TIMEOUT 300)
# Every generate path (--data, --data-dir, --settings; one timeframe or several) reads through the
# same DataSource: one bad file is rejected identically, and drop/repair write the same bytes.
add_test(NAME cli_one_driver COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli_one_driver.py
  --cli $<TARGET_FILE:strata-cli> --data-dir ${STRATA_RESOURCES_DIR}/data
  --work ${CMAKE_CURRENT_BINARY_DIR}/cli-one-driver-work)
set_tests_properties(cli_one_driver PROPERTIES TIMEOUT 600)
