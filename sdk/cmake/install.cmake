# The installed SDK: headers under include/strata/sdk/, libstrata_sdk.so.N, and the CMake
# package Strata (lib/cmake/Strata/) with the imported target Strata::sdk, strata_add_plugin()
# and STRATA_PLUGIN_INSTALL_DIR (where this installation's strata looks for plugins).
include(CMakePackageConfigHelpers)
set(STRATA_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Strata)
set(STRATA_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/strata/plugins)

install(TARGETS strata_sdk EXPORT StrataTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT sdk)
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/strata/sdk
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/strata COMPONENT sdk)
install(EXPORT StrataTargets NAMESPACE Strata:: DESTINATION ${STRATA_CMAKE_INSTALL_DIR} COMPONENT sdk)

configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/StrataConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/StrataConfig.cmake
  INSTALL_DESTINATION ${STRATA_CMAKE_INSTALL_DIR}
  PATH_VARS STRATA_PLUGIN_INSTALL_DIR CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/StrataConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/StrataConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/StrataConfigVersion.cmake
  ${CMAKE_CURRENT_SOURCE_DIR}/cmake/StrataPlugin.cmake
  DESTINATION ${STRATA_CMAKE_INSTALL_DIR} COMPONENT sdk)
