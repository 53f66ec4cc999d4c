#!/usr/bin/env bash
# Configures and builds Strata into ./build (or $STRATA_BUILD_DIR). Extra arguments go to
# `cmake --build` (e.g. --target NAME...).
#   STRATA_BUILD_TYPE  CMake build type (RelWithDebInfo)
#   STRATA_JOBS        compile jobs (all cores)
#   STRATA_SANITIZE    "address;undefined" or "thread": an instrumented build with clang 14
#                      (cmake/sanitizers.cmake), optimised at -O1 with line tables only, which is
#                      all the sanitizers' stack traces need; CI's build (.ci/run)
#   STRATA_FUZZ=ON     with STRATA_SANITIZE: the libFuzzer targets too (tests/fuzz/)
#   STRATA_BUILD_BENCHMARKS=OFF  leave the benchmark programs out
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${STRATA_BUILD_DIR:-build}
jobs=${STRATA_JOBS:-$(nproc)}
options=(-DCMAKE_BUILD_TYPE="${STRATA_BUILD_TYPE:-RelWithDebInfo}"
  -DSTRATA_BUILD_BENCHMARKS="${STRATA_BUILD_BENCHMARKS:-ON}")
if [[ -n ${STRATA_SANITIZE:-} ]]; then
  options+=(-DCMAKE_CXX_COMPILER=clang++-14 -DSTRATA_SANITIZE="$STRATA_SANITIZE"
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG"
    -DSTRATA_FUZZ="${STRATA_FUZZ:-OFF}")
fi
# ccache may reuse units compiled with a precompiled header (cmake/precompiled_headers.cmake).
export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros}
cmake -S . -B "$build_dir" -G Ninja "${options[@]}" >/dev/null
cmake --build "$build_dir" -j"$jobs" "$@"
