#!/usr/bin/env bash
# CTest fixture: installs the independent Parquet readers (DuckDB's @duckdb/node-api, hyparquet)
# from npm into DIR, once per package.json version, and puts the verifier scripts beside them.
# Usage: install_readers.sh SOURCE_DIR DIR
set -euo pipefail
src=$1 dir=$2
mkdir -p "$dir"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "install_readers: node and npm are needed (scripts/setup.sh --with-tests installs them)" >&2
  exit 1
fi
if ! cmp -s "$src/package.json" "$dir/package.json" || [[ ! -d "$dir/node_modules/@duckdb/node-api" ]]; then
  cp "$src/package.json" "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
fi
cp "$src/verify_parquet.mjs" "$dir/"
echo "install_readers: DuckDB $(node -p "require('$dir/node_modules/@duckdb/node-api/package.json').version") and hyparquet $(node -p "require('$dir/node_modules/hyparquet/package.json').version") in $dir"
