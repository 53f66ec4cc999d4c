#!/usr/bin/env bash
# Feature cache benchmark against a private redis-server on loopback:
#   bash benchmarks/cache.sh [--rows N] [--repeat N] [--compress] [--chunk-kib N]
# (defaults: 525600 rows = one year of 1m bars, 5 runs, 1 MiB chunks). Prints bench_cache's JSON
# lines, then redis-benchmark SET/GET (one client, no pipelining) at the cache's chunk size (each
# GET the cache issues) and at 64 MiB, for the transfer comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${STRATA_BUILD_DIR:-build}
work=$(mktemp -d)
trap 'bash tests/services/redis.sh stop "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
port=$(bash tests/services/redis.sh start "$work")
"$build_dir/bin/bench_cache" --redis-port "$port" "$@"
redis-cli -p "$port" flushall >/dev/null
for size in $((1 << 20)) $((64 << 20)); do
  requests=$(( (1 << 30) / size ))
  redis-benchmark -p "$port" -t set,get -d "$size" -n "$requests" -c 1 -q 2>&1 | tr '\r' '\n' |
    grep -E "^(SET|GET):.*requests per second" |
    awk -v size="$size" '{ printf "{\"what\": \"redis-benchmark %s %d-byte values\", \"requests_per_s\": %s, \"gb_per_s\": %.3f}\n", $1, size, $2, $2 * size / 1e9 }'
  redis-cli -p "$port" flushall >/dev/null
done
