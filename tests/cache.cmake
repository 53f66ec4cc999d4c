# The feature cache: the value format and keys (no server), then the cache against a REAL
# redis-server that each test starts on a free loopback port (tests/cache/redis_server.cpp),
# including kill -9, restart, SIGSTOP and a second process.
find_package(PkgConfig REQUIRED)
add_library(strata_cache_test_support STATIC cache/redis_server.cpp test_support.cpp)
target_link_libraries(strata_cache_test_support PUBLIC strata_engine Qt6::Test)
target_compile_definitions(strata_cache_test_support PUBLIC STRATA_PLUGIN_DIR="${STRATA_PLUGIN_OUTPUT_DIR}"
  STRATA_RESOURCES_DIR="${STRATA_RESOURCES_DIR}")
target_include_directories(strata_cache_test_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}
  ${CMAKE_CURRENT_SOURCE_DIR}/cache ${CMAKE_SOURCE_DIR}/engine/src/cache)
strata_warnings(strata_cache_test_support)

add_executable(cache_probe cache/cache_probe.cpp)
target_link_libraries(cache_probe PRIVATE strata_cache_test_support)
strata_warnings(cache_probe)

foreach(test test_cache_codec test_cache_redis)
  add_executable(${test} cache/${test}.cpp)
  target_link_libraries(${test} PRIVATE strata_cache_test_support)
  target_compile_definitions(${test} PRIVATE CACHE_PROBE="$<TARGET_FILE:cache_probe>")
  strata_warnings(${test})
  add_test(NAME ${test} COMMAND ${test})
  set_tests_properties(${test} PROPERTIES TIMEOUT 300 LABELS cache)
endforeach()
add_dependencies(test_cache_redis cache_probe)
get_property(_strata_cache_test_plugins GLOBAL PROPERTY STRATA_PLUGINS)
add_dependencies(test_cache_codec ${_strata_cache_test_plugins})
add_dependencies(test_cache_redis ${_strata_cache_test_plugins})

# strata-cli cache / generate against a private redis-server (tests/services/redis.sh) that a
# CTest fixture starts and stops, so `ctest` alone works.
set(STRATA_CACHE_REDIS_DIR ${CMAKE_CURRENT_BINARY_DIR}/cache-redis)
add_test(NAME cache_redis_start COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/services/redis.sh start ${STRATA_CACHE_REDIS_DIR})
add_test(NAME cache_redis_stop COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/services/redis.sh stop ${STRATA_CACHE_REDIS_DIR})
set_tests_properties(cache_redis_start PROPERTIES FIXTURES_SETUP cache_redis LABELS cache)
set_tests_properties(cache_redis_stop PROPERTIES FIXTURES_CLEANUP cache_redis LABELS cache)
add_test(NAME cache_cli COMMAND ${STRATA_REFERENCE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/cache/test_cli_cache.py
  --cli $<TARGET_FILE:strata-cli> --probe $<TARGET_FILE:cache_probe> --redis-dir ${STRATA_CACHE_REDIS_DIR}
  --data-dir ${STRATA_RESOURCES_DIR}/data --work ${CMAKE_CURRENT_BINARY_DIR}/cache-cli-work)
set_tests_properties(cache_cli PROPERTIES FIXTURES_REQUIRED cache_redis TIMEOUT 300 LABELS cache)
