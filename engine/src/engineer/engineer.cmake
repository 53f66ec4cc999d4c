# The embedded CSV data source, the FeatureEngineer (timeframes on a shared thread pool) and the
# aligned multi-timeframe matrix.
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/bad_rows.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv_directory_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/feature_engineer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aligned_matrix.cpp
)
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/csv_directory_source.cpp PROPERTIES
  COMPILE_DEFINITIONS "STRATA_SOURCE_DATA_DIR=\"${STRATA_RESOURCES_DIR}/data\"")
