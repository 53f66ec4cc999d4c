# Precompiled headers: Qt's and the standard library's headers parsed once instead of in each of
# ~300 small translation units (a plugin class, a kernel test, a suite). Half of such a unit's
# compile time under the sanitizers is parsing <QTest> and <QObject>; CI builds everything twice
# (instrumented, then ThreadSanitizer) on 2 cores. Only headers that rarely change: an edit to
# one rebuilds every unit that shares it.
option(STRATA_PRECOMPILED_HEADERS "Share precompiled Qt and standard headers between targets" ON)

set(_strata_pch_std <algorithm> <cmath> <cstring> <limits> <memory> <optional> <span> <string>
  <utility> <vector>)
set(_strata_pch_core ${_strata_pch_std} <QString> <QStringList> <QObject>)
set(_strata_pch_test ${_strata_pch_core} <QTest> <QDir> <QFile> <QTemporaryDir>)

# strata_precompile_headers(<target> <header>...): the target's own precompiled header (a
# library of many units: the engine, the GUI).
function(strata_precompile_headers target)
  if(STRATA_PRECOMPILED_HEADERS)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

# strata_share_precompiled_headers(): called last in a directory's CMakeLists. Every target of
# the directory of one kind reuses one precompiled header, compiled by a donor target with the
# same flags (clang refuses a header precompiled with other flags or other Qt modules):
#   plugin     the plugin classes (MODULE strata_plugin_<id>, hidden visibility)
#   test       the QtTest suites on QtCore
#   gui_test   the QtTest suites on the widgets (QT_GUI_LIB changes what <QTest> declares)
# Targets with flags of their own (the -O3 kernels, the fuzz inputs, the test plugins) keep
# compiling without one.
function(strata_share_precompiled_headers)
  if(NOT STRATA_PRECOMPILED_HEADERS)
    return()
  endif()
  get_property(targets DIRECTORY PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    _strata_pch_kind(${target} kind)
    if(kind)
      _strata_pch_donor(${kind} donor)
      target_precompile_headers(${target} REUSE_FROM ${donor})
    endif()
  endforeach()
endfunction()

function(_strata_pch_kind target out)
  get_target_property(type ${target} TYPE)
  get_target_property(libraries ${target} LINK_LIBRARIES)
  get_target_property(options ${target} COMPILE_OPTIONS)
  set(kind "")
  if(options MATCHES "fuzzer|-O3")
    # Flags of its own: a header precompiled for the others does not fit.
  elseif(type STREQUAL "MODULE_LIBRARY" AND target MATCHES "^strata_plugin_")
    set(kind plugin)
  elseif(type STREQUAL "EXECUTABLE" AND "Qt6::Test" IN_LIST libraries)
    set(kind test)
    foreach(gui strata_ui Qt6::Widgets Qt6::Gui Qt6::Charts)
      if(gui IN_LIST libraries)
        set(kind gui_test)
      endif()
    endforeach()
  endif()
  set(${out} ${kind} PARENT_SCOPE)
endfunction()

# The donor of a kind in this directory (an object library of one empty unit), made once.
function(_strata_pch_donor kind out)
  string(MD5 dir_hash "${CMAKE_CURRENT_SOURCE_DIR}")
  string(SUBSTRING ${dir_hash} 0 8 dir_hash)
  set(donor strata_pch_${kind}_${dir_hash})
  set(${out} ${donor} PARENT_SCOPE)
  if(TARGET ${donor})
    return()
  endif()
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${donor}.cpp)
  file(CONFIGURE OUTPUT ${source} CONTENT "// The donor of a shared precompiled header.\n")
  add_library(${donor} OBJECT ${source})
  set_target_properties(${donor} PROPERTIES AUTOMOC OFF)
  strata_warnings(${donor})
  if(kind STREQUAL "plugin")
    target_link_libraries(${donor} PRIVATE Strata::sdk)
    set_target_properties(${donor} PROPERTIES POSITION_INDEPENDENT_CODE ON
      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
    target_precompile_headers(${donor} PRIVATE ${_strata_pch_core} <QtPlugin> <QJsonObject>)
  elseif(kind STREQUAL "test")
    target_link_libraries(${donor} PRIVATE Qt6::Test)
    target_precompile_headers(${donor} PRIVATE ${_strata_pch_test})
  else()
    target_link_libraries(${donor} PRIVATE Qt6::Test Qt6::Widgets Qt6::Charts)
    target_precompile_headers(${donor} PRIVATE ${_strata_pch_test} <QApplication> <QWidget>
      <QLabel> <QLineEdit> <QPushButton> <QComboBox> <QTreeWidget> <QtCharts/QChartView>)
  endif()
endfunction()
