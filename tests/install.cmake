# The installed SDK end to end: Strata installed to a prefix, the template plugin built out of
# tree with find_package(Strata), linking and paths of every installed file, the installed
# strata-cli listing, checking and computing the template (tests/install/test_installed_sdk.sh).
add_test(NAME installed_sdk COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/test_installed_sdk.sh
  ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/installed-sdk)
set_tests_properties(installed_sdk PROPERTIES TIMEOUT 900 LABELS install)
