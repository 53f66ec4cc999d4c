#!/usr/bin/env bash
# Feature cache benchmark against a private redis-server on loopback:
#   bash benchmarks/cache.sh [--rows N] [--repeat N] [--compress] [--chunk-kib N]
# (defaults: 525600 rows = one year of 1m bars, 5 runs, 1 MiB chunks).
# 1. bench_cache: recompute, Redis store, memory hit, Redis hit (JSON lines).
# 2. Side by side, alternating so both see the same machine load: redis-benchmark GET of the
#    same number of bytes in 1 MiB values (the size of each GET the cache issues; one client, no
#    pipelining), then one Redis hit of the matrix. Medians and their ratio at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${STRATA_BUILD_DIR:-build}
repeat=5
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [[ "${args[i]}" == --repeat ]] && repeat=${args[i + 1]}; done
work=$(mktemp -d)
trap 'bash tests/services/redis.sh stop "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
port=$(bash tests/services/redis.sh start "$work")
"$build_dir/bin/bench_cache" --redis-port "$port" "$@" | tee "$work/full.json"
bytes=$(grep '"what": "redis hit"' "$work/full.json" | sed 's/.*"bytes": \([0-9]*\).*/\1/')
requests=$(( bytes / (1 << 20) ))
for ((r = 0; r < repeat; r++)); do
  redis-benchmark -p "$port" -t set,get -d $((1 << 20)) -n "$requests" -c 1 -q 2>&1 | tr '\r' '\n' |
    grep -E "^GET:.*requests per second" | awk '{ printf "%.4f\n", $2 * 1048576 / 1e9 }' >> "$work/redis_benchmark.txt"
  "$build_dir/bin/bench_cache" --redis-port "$port" "$@" --reads-only --repeat 1 |
    sed 's/.*"gb_per_s": \([0-9.]*\).*/\1/' >> "$work/cache_hit.txt"
done
/usr/bin/python3 - "$work/redis_benchmark.txt" "$work/cache_hit.txt" <<'PY'
import statistics, sys
bench = [float(x) for x in open(sys.argv[1])]
hits = [float(x) for x in open(sys.argv[2])]
print(f"side by side, GB/s: redis-benchmark GET 1 MiB {bench}, cache Redis hit {hits}")
print(f"medians: redis-benchmark {statistics.median(bench):.3f} GB/s, cache hit {statistics.median(hits):.3f} GB/s, "
      f"ratio {statistics.median(bench) / statistics.median(hits):.2f}x")
PY
