# strata_add_plugin(<id> SOURCES <files...> [KERNEL <files...>] [METADATA <json>]
#                   [OUTPUT_DIRECTORY <dir>] [INSTALL_DESTINATION <dir>])
#
# Builds the Strata plugin libstrata_<id>.so (target strata_plugin_<id>), a Qt plugin MODULE
# linked against the SDK only, with hidden visibility (its only exports are Qt's two plugin
# entry points) and every symbol resolved at link time.
#  SOURCES      the plugin class (Q_PLUGIN_METADATA(... FILE "<id>.json")) and anything else
#  KERNEL       the plugin's math, compiled once into the static library strata_kernel_<id>
#               (its folder on the include path) that the plugin, its tests and benchmarks
#               link: one copy of the code that computes
#  METADATA     the JSON file, so that a change to it rebuilds the plugin
#  OUTPUT_DIRECTORY  where the built plugin lands (default: STRATA_PLUGIN_OUTPUT_DIR if set,
#               else the current binary directory)
#  INSTALL_DESTINATION  where `cmake --install` puts it (default: STRATA_PLUGIN_INSTALL_DIR,
#               the plugin directory of the Strata installation the SDK came from)
# Used by Strata's own plugins and by plugins built out of tree after find_package(Strata).
function(strata_add_plugin id)
  cmake_parse_arguments(PLUGIN "" "METADATA;OUTPUT_DIRECTORY;INSTALL_DESTINATION" "SOURCES;KERNEL" ${ARGN})
  if(NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "strata_add_plugin(${id}): SOURCES is required")
  endif()
  set(target strata_plugin_${id})
  add_library(${target} MODULE ${PLUGIN_SOURCES} ${PLUGIN_METADATA})
  target_link_libraries(${target} PRIVATE Strata::sdk)
  if(PLUGIN_KERNEL)
    _strata_add_kernel(${id} ${PLUGIN_KERNEL})
    target_link_libraries(${target} PRIVATE strata_kernel_${id})
  endif()
  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    set(PLUGIN_OUTPUT_DIRECTORY ${STRATA_PLUGIN_OUTPUT_DIR})
  endif()
  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    set(PLUGIN_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME strata_${id}
    LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY}
    AUTOMOC ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    # Installed beside the SDK: <libdir>/strata/plugins/ -> <libdir>/libstrata_sdk.so.N
    INSTALL_RPATH "$ORIGIN/../..")
  # Every symbol resolved when linking (a typo fails the build, not the user's start-up), and
  # no NEEDED entry for a library the plugin does not use (a plugin with no shared math needs
  # only QtCore). Not -z defs under STRATA_SANITIZE: clang's sanitizer runtime is linked into
  # the executable, so an instrumented plugin's runtime calls resolve only when it is loaded.
  if(NOT STRATA_SANITIZE)
    target_link_options(${target} PRIVATE -Wl,-z,defs)
  endif()
  target_link_options(${target} PRIVATE -Wl,--as-needed)
  if(COMMAND strata_warnings)
    strata_warnings(${target})
  endif()
  if(NOT PLUGIN_INSTALL_DESTINATION)
    set(PLUGIN_INSTALL_DESTINATION ${STRATA_PLUGIN_INSTALL_DIR})
  endif()
  if(PLUGIN_INSTALL_DESTINATION)
    install(TARGETS ${target} LIBRARY DESTINATION ${PLUGIN_INSTALL_DESTINATION})
  endif()
  set_property(GLOBAL APPEND PROPERTY STRATA_PLUGINS ${target})
endfunction()

# The static library of a plugin's kernel, position-independent (it is linked into a module),
# with the kernel's folder on its users' include path.
function(_strata_add_kernel id)
  set(kernel strata_kernel_${id})
  add_library(${kernel} STATIC ${ARGN})
  list(GET ARGN 0 first)
  get_filename_component(first "${first}" ABSOLUTE)
  get_filename_component(folder "${first}" DIRECTORY)
  target_include_directories(${kernel} PUBLIC ${folder})
  target_link_libraries(${kernel} PUBLIC Strata::sdk)
  set_target_properties(${kernel} PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  # Kernels are loops over contiguous columns: -O3 lets GCC vectorise them.
  target_compile_options(${kernel} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-O3>)
  if(COMMAND strata_warnings)
    strata_warnings(${kernel})
  endif()
endfunction()
