# The FeatureEngineer (timeframes on a shared thread pool) and the aligned multi-timeframe matrix.
target_sources(strata_engine PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/feature_engineer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aligned_matrix.cpp
)
