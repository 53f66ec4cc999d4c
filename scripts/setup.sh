#!/usr/bin/env bash
# Installs the Debian 12 packages Strata needs to build, run and test, when they are missing.
# Usage: scripts/setup.sh [--with-tests]
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev
  libeigen3-dev libyaml-cpp-dev libhiredis-dev libpqxx-dev libpq-dev libzstd-dev libsnappy-dev
)
if [[ "${1:-}" == "--with-tests" ]]; then
  # The pandas reference the parity tests compare against, and the offscreen Qt platform.
  # Real servers the tests start on loopback: PostgreSQL (initdb in a temp dir) and Redis.
  packages+=(python3 python3-pandas xvfb xauth postgresql redis-server)
  # zlib reads TA-Lib's gzipped golden outputs (tests/golden/talib) in the catalogue test.
  packages+=(zlib1g-dev)
  # clang and its sanitizer and libFuzzer runtimes: .ci/sanitize.sh and .ci/fuzz.sh.
  packages+=(clang-14 libclang-rt-14-dev)
  # node + npm run the independent Parquet readers of the export tests (DuckDB, hyparquet from
  # npm); any node >= 18 on PATH will do, so Debian's is installed only when none is there.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
else
  echo "setup: all packages present"
fi
