#!/usr/bin/env bash
# Feature cache benchmark against a private redis-server on loopback:
#   bash benchmarks/cache.sh [--rows N] [--repeat N] [--compress]     (defaults: 525600 rows, 5 runs)
# Prints bench_cache's JSON lines, then redis-benchmark GET at the cache's chunk size (64 MiB,
# the size of each GET the cache issues) for the transfer comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${STRATA_BUILD_DIR:-build}
work=$(mktemp -d)
trap 'bash tests/services/redis.sh stop "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
port=$(bash tests/services/redis.sh start "$work")
"$build_dir/bin/bench_cache" --redis-port "$port" "$@"
chunk=$((64 << 20))
echo "redis-benchmark GET, one client, $chunk-byte values:"
redis-benchmark -p "$port" -t set,get -d "$chunk" -n 20 -c 1 -q 2>&1 | tr '\r' '\n' | grep -E "^(SET|GET):.*requests per second" |
  awk -v size="$chunk" '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/ && $(i+1) == "requests") rps = $i;
                          printf "%s %.1f requests/s = %.3f GB/s\n", $1, rps, rps * size / 1e9 }'
