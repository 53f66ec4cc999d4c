# The feature cache: in-process LRU + Redis (hiredis), values optionally zstd-compressed.
find_package(PkgConfig REQUIRED)
pkg_check_modules(STRATA_HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(STRATA_ZSTD REQUIRED IMPORTED_TARGET libzstd)
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cache_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/memory_lru.cpp
  ${CMAKE_CURRENT_LIST_DIR}/value_codec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redis_values.cpp
  ${CMAKE_CURRENT_LIST_DIR}/feature_cache.cpp
)
target_link_libraries(strata_engine PRIVATE PkgConfig::STRATA_HIREDIS PkgConfig::STRATA_ZSTD)
