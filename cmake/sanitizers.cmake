# STRATA_SANITIZE: sanitizers compiled into every target (SDK, engine, plugins, UI, apps, tests,
# benchmarks), for example
#   cmake -B build-asan -DCMAKE_CXX_COMPILER=clang++-14 -DSTRATA_SANITIZE="address;undefined"
#   cmake -B build-tsan -DCMAKE_CXX_COMPILER=clang++-14 -DSTRATA_SANITIZE=thread
# Empty (the default): none. Clang is what CI uses (.ci/sanitize.sh): the same ASan+UBSan build
# then also holds the libFuzzer targets (STRATA_FUZZ, tests/fuzz/). GCC works for the sanitizers
# alone.
#
# Every finding fails: UBSan does not recover (-fno-sanitize-recover), and CTest runs each test
# with the runtime options and suppression files of tests/sanitizers/ (set here, see
# strata_sanitizer_test_environment below), under which ASan, LSan and TSan exit non-zero.
#
# Sets, for the rest of the build:
#   STRATA_SANITIZE          the validated list (empty when off)
#   STRATA_SANITIZER_FLAGS   the compile and link flags, for builds outside this one (tests/install)
#   STRATA_SANITIZER_TIMEOUT_FACTOR  how much longer tests may take (1 when off)
set(STRATA_SANITIZE "" CACHE STRING
  "Sanitizers for every target: address;undefined (optionally leak), or thread; empty: none")

set(_strata_sanitizers ${STRATA_SANITIZE})
# An older cache holds ON or OFF (this was a boolean option).
if(_strata_sanitizers STREQUAL "ON")
  set(_strata_sanitizers address undefined)
elseif(NOT _strata_sanitizers)
  set(_strata_sanitizers "")
endif()
foreach(name IN LISTS _strata_sanitizers)
  if(NOT name MATCHES "^(address|undefined|leak|thread)$")
    message(FATAL_ERROR "STRATA_SANITIZE: unknown sanitizer '${name}' (address, undefined, leak, thread)")
  endif()
endforeach()
if("thread" IN_LIST _strata_sanitizers AND ("address" IN_LIST _strata_sanitizers OR "leak" IN_LIST _strata_sanitizers))
  message(FATAL_ERROR "STRATA_SANITIZE: thread cannot be combined with address or leak (use two builds)")
endif()
set(STRATA_SANITIZE "${_strata_sanitizers}")

set(STRATA_SANITIZER_FLAGS "")
set(STRATA_SANITIZER_TIMEOUT_FACTOR 1)
if(STRATA_SANITIZE)
  list(JOIN STRATA_SANITIZE "," _strata_joined)
  set(STRATA_SANITIZER_FLAGS -fsanitize=${_strata_joined} -fno-omit-frame-pointer)
  if("undefined" IN_LIST STRATA_SANITIZE)
    list(APPEND STRATA_SANITIZER_FLAGS -fno-sanitize-recover=undefined)
  endif()
  # Directory-wide, before any target exists: every target of every subdirectory gets them.
  add_compile_options(${STRATA_SANITIZER_FLAGS})
  add_link_options(${STRATA_SANITIZER_FLAGS})
  # Under TSan every executable gets the clone() that lets QProcess start children
  # (tests/sanitizers/tsan_vfork_clone.cpp: TSan 14 aborts on Qt's vfork-like clone).
  if("thread" IN_LIST STRATA_SANITIZE)
    add_library(strata_tsan_vfork_clone OBJECT ${PROJECT_SOURCE_DIR}/tests/sanitizers/tsan_vfork_clone.cpp)
    link_libraries($<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:strata_tsan_vfork_clone>)
  endif()
  # Instrumented code runs 2-3x (ASan) to 5-15x (TSan) slower; tests get that much longer.
  if("thread" IN_LIST STRATA_SANITIZE)
    set(STRATA_SANITIZER_TIMEOUT_FACTOR 6)
  else()
    set(STRATA_SANITIZER_TIMEOUT_FACTOR 3)
  endif()
  message(STATUS "Strata: sanitizers ${_strata_joined} on every target")
endif()

# The sanitizer runtimes' options for every test CTest runs from this build tree, and for the
# processes those tests start (strata-cli from the Python harnesses): CTest reads this file before
# any test and its environment is inherited. Options already in the environment come last and win.
function(strata_sanitizer_test_environment)
  if(NOT STRATA_SANITIZE)
    return()
  endif()
  set(dir ${PROJECT_SOURCE_DIR}/tests/sanitizers)
  set(script ${CMAKE_BINARY_DIR}/sanitizer_environment.cmake)
  file(WRITE ${script} "# Written by cmake/sanitizers.cmake: sanitizer runtime options for CTest.\n")
  foreach(runtime IN ITEMS ASAN LSAN UBSAN TSAN)
    string(TOLOWER ${runtime} name)
    file(STRINGS ${dir}/${name}.options lines REGEX "^[^#]")
    set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/${name}.options)
    list(JOIN lines ":" options)
    if(EXISTS ${dir}/${name}.supp)
      string(APPEND options ":suppressions=${dir}/${name}.supp")
    endif()
    file(APPEND ${script} "set(ENV{${runtime}_OPTIONS} \"${options}:\$ENV{${runtime}_OPTIONS}\")\n")
  endforeach()
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES ${script})
endfunction()

# Every test of the calling directory that has a TIMEOUT gets it multiplied by
# STRATA_SANITIZER_TIMEOUT_FACTOR in a sanitizer build (called last in tests/CMakeLists.txt):
# slow is not skipped, only allowed longer.
function(strata_scale_test_timeouts)
  if(STRATA_SANITIZER_TIMEOUT_FACTOR EQUAL 1)
    return()
  endif()
  get_property(tests DIRECTORY PROPERTY TESTS)
  foreach(test IN LISTS tests)
    get_test_property(${test} TIMEOUT seconds)
    if(seconds)
      math(EXPR seconds "${seconds} * ${STRATA_SANITIZER_TIMEOUT_FACTOR}")
      set_tests_properties(${test} PROPERTIES TIMEOUT ${seconds})
    endif()
  endforeach()
endfunction()
