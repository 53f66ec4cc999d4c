# Fuzz targets (issue 20, item 15): one LLVMFuzzerTestOneInput per reader of untrusted input
# (tests/fuzz/fuzz_<name>.cpp), each calling the entry point the product uses. The corpus of each
# (tests/fuzz/corpus/<name>/: real seeds and every input that once broke something) is replayed
# by a CTest test in every build, gcc included, through replay_main.cpp. With STRATA_FUZZ=ON
# (clang only) the same sources also link with libFuzzer as fuzz_<name>; .ci/fuzz.sh runs them
# under ASan + UBSan.
option(STRATA_FUZZ "Build the libFuzzer targets (clang only); the corpus replay tests are built either way" OFF)
if(STRATA_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "STRATA_FUZZ=ON needs clang's libFuzzer, but the C++ compiler is "
    "${CMAKE_CXX_COMPILER_ID} (${CMAKE_CXX_COMPILER}); configure a fresh build directory with "
    "-DCMAKE_CXX_COMPILER=clang++-14, or leave STRATA_FUZZ off (the replay tests need no clang)")
endif()

set(STRATA_FUZZ_TARGETS pipeline_yaml settings_yaml csv_bars parquet_footer cache_value plugin_json lookback)
set(STRATA_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)

# Coverage feedback from the library under test: only the engine is instrumented (yaml-cpp and
# Qt are Debian's builds). The plain build never sees the flag.
if(STRATA_FUZZ)
  target_compile_options(strata_engine PRIVATE -fsanitize=fuzzer-no-link)
endif()

add_library(strata_fuzz_support STATIC ${STRATA_FUZZ_DIR}/fuzz_support.cpp)
target_link_libraries(strata_fuzz_support PUBLIC strata_engine)
target_include_directories(strata_fuzz_support PUBLIC ${STRATA_FUZZ_DIR})
target_compile_options(strata_fuzz_support PRIVATE $<$<BOOL:${STRATA_FUZZ}>:-fsanitize=fuzzer-no-link>)
strata_warnings(strata_fuzz_support)

foreach(name ${STRATA_FUZZ_TARGETS})
  # The target's code once, linked into the replay test and, in a fuzz build, the fuzzer.
  add_library(fuzz_${name}_input OBJECT ${STRATA_FUZZ_DIR}/fuzz_${name}.cpp)
  target_link_libraries(fuzz_${name}_input PUBLIC strata_fuzz_support)
  target_compile_options(fuzz_${name}_input PRIVATE $<$<BOOL:${STRATA_FUZZ}>:-fsanitize=fuzzer-no-link>)
  strata_warnings(fuzz_${name}_input)

  add_executable(fuzz_replay_${name} ${STRATA_FUZZ_DIR}/replay_main.cpp)
  target_link_libraries(fuzz_replay_${name} PRIVATE fuzz_${name}_input)
  target_link_options(fuzz_replay_${name} PRIVATE $<$<BOOL:${STRATA_FUZZ}>:-fsanitize=fuzzer-no-link>)
  strata_warnings(fuzz_replay_${name})
  add_test(NAME fuzz_replay_${name} COMMAND fuzz_replay_${name} ${STRATA_FUZZ_DIR}/corpus/${name})
  set_tests_properties(fuzz_replay_${name} PROPERTIES TIMEOUT 120 LABELS fuzz)

  if(STRATA_FUZZ)
    add_executable(fuzz_${name})
    target_link_libraries(fuzz_${name} PRIVATE fuzz_${name}_input)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    strata_warnings(fuzz_${name})
  endif()
endforeach()

# The cache codec is the engine's internal wire format (exported for its tests).
target_include_directories(fuzz_cache_value_input PRIVATE ${CMAKE_SOURCE_DIR}/engine/src/cache)
# The pipeline is validated against the real plugins, loaded from the build tree.
target_compile_definitions(fuzz_pipeline_yaml_input PRIVATE STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}")
get_property(_strata_fuzz_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(fuzz_pipeline_yaml_input ${_strata_fuzz_plugins})
