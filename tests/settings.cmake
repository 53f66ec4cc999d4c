# Workbench settings (strata.yaml) and the bars fingerprint.
add_executable(test_app_settings test_app_settings.cpp)
target_link_libraries(test_app_settings PRIVATE strata_engine Qt6::Test)
target_compile_definitions(test_app_settings PRIVATE STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}")
strata_warnings(test_app_settings)
add_test(NAME test_app_settings COMMAND test_app_settings)
