# Tests and tools contact only loopback: no other literal address in tests/, benchmarks/,
# scripts/, .ci/ or examples/.
add_test(NAME loopback_only COMMAND ${STRATA_REFERENCE_PYTHON}
  ${CMAKE_CURRENT_SOURCE_DIR}/network/check_loopback_only.py ${PROJECT_SOURCE_DIR})
