#!/usr/bin/env bash
# Sets up, builds, and runs every test suite (CTest). Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-tests
scripts/build.sh
build_dir=${STRATA_BUILD_DIR:-build}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
ctest --test-dir "$build_dir" --output-on-failure -j"${STRATA_TEST_JOBS:-2}" "$@"
