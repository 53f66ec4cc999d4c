# Export: CSV and Parquet writers (Parquet written from scratch: Thrift compact footer, PLAIN
# pages, zstd/snappy), the Parquet footer reader behind `strata-cli inspect`.
find_package(PkgConfig REQUIRED)
pkg_check_modules(STRATA_ZSTD REQUIRED IMPORTED_TARGET libzstd)
# Debian's libsnappy-dev ships no pkg-config file.
find_library(STRATA_SNAPPY_LIBRARY snappy REQUIRED)
find_path(STRATA_SNAPPY_INCLUDE snappy-c.h REQUIRED)
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_columns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/export_destination.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/thrift_compact.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parquet_chunk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parquet_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parquet_footer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parquet_footer_check.cpp
)
target_include_directories(strata_engine PRIVATE ${STRATA_SNAPPY_INCLUDE})
target_link_libraries(strata_engine PRIVATE PkgConfig::STRATA_ZSTD ${STRATA_SNAPPY_LIBRARY})
