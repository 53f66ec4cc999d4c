#!/usr/bin/env bash
# Sets up, builds, and computes the default feature matrix from the bundled data:
#   scripts/run.sh [strata-cli generate options]   (default: --symbol AAPL --out features.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir=${STRATA_BUILD_DIR:-build}
args=("$@")
((${#args[@]})) || args=(--symbol AAPL --out features.csv --report)
"$build_dir/bin/strata-cli" plugins | head -n 3
exec "$build_dir/bin/strata-cli" generate "${args[@]}"
