# The installed SDK end to end: Strata installed to a prefix, the template plugin built out of
# tree with find_package(Strata), linking and paths of every installed file, the installed
# strata-cli listing, checking and computing the template (tests/install/test_installed_sdk.sh).
# The template is built with Strata's compiler and, in a sanitizer build, its sanitizers (an
# uninstrumented kernel test cannot link clang's instrumented SDK).
list(JOIN STRATA_SANITIZER_FLAGS " " _strata_template_flags)
add_test(NAME installed_sdk COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/install/test_installed_sdk.sh
  ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/installed-sdk
  ${CMAKE_CXX_COMPILER} "${_strata_template_flags}")
set_tests_properties(installed_sdk PROPERTIES TIMEOUT 900 LABELS install)
