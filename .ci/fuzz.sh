#!/usr/bin/env bash
# CI: the libFuzzer targets (tests/fuzz/, issue 20 item 15) built with clang 14 under ASan + UBSan,
# each run for about a minute, two at a time (CI has 2 cores). Fails on any finding (crash, UB,
# leak, timeout, out of memory, broken promise); prints each target's executions.
#   .ci/fuzz.sh [SECONDS_PER_TARGET]      (default 60)
#   STRATA_FUZZ_BUILD_DIR=DIR             build directory (default build-ci-fuzz)
# A finding leaves its input in DIR/fuzz-artifacts/; keep it as tests/fuzz/corpus/<target>/
# regression-<what> once fixed, so every build's replay test checks it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${STRATA_FUZZ_BUILD_DIR:-build-ci-fuzz}
targets=(pipeline_yaml settings_yaml csv_bars parquet_footer cache_value plugin_json lookback)
# Longest input per target: past each reader's own bounds where they are small (a lookback
# expression's 1,000 characters), room for the largest seed elsewhere.
declare -A max_len=([pipeline_yaml]=8192 [settings_yaml]=4096 [csv_bars]=8192 [parquet_footer]=32768
  [cache_value]=8192 [plugin_json]=4096 [lookback]=2048)

scripts/setup.sh --with-tests
# The instrumented build of scripts/build.sh (CI's own: .ci/run passes its build directory).
STRATA_BUILD_DIR=$build_dir STRATA_SANITIZE="address;undefined" STRATA_FUZZ=ON \
  scripts/build.sh --target "${targets[@]/#/fuzz_}" "${targets[@]/#/fuzz_replay_}"

# The sanitizer runtime options every test of the build uses (tests/sanitizers/), one a line.
runtime_options() {
  local name=$1 options
  options=$(grep -v '^#' "tests/sanitizers/$name.options" | grep -v '^$' | paste -sd: -)
  [[ -f tests/sanitizers/$name.supp ]] && options+=":suppressions=$PWD/tests/sanitizers/$name.supp"
  echo "$options"
}
export ASAN_OPTIONS=$(runtime_options asan) LSAN_OPTIONS=$(runtime_options lsan) UBSAN_OPTIONS=$(runtime_options ubsan)

# First every kept input once (seeds and regressions), under the sanitizers.
ctest --test-dir "$build_dir" -L fuzz --output-on-failure -j2

work=$build_dir/fuzz-work
artifacts=$build_dir/fuzz-artifacts
rm -rf "$work" && mkdir -p "$artifacts"
run_target() {
  local name=$1
  mkdir -p "$work/$name"
  # New inputs go to the work directory; the committed corpus is only read.
  "$build_dir/tests/fuzz_$name" "$work/$name" "tests/fuzz/corpus/$name" \
    -dict="tests/fuzz/dict/$name.dict" -max_len="${max_len[$name]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
    > "$work/$name.log" 2>&1
}

failed=()
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for name in "${targets[@]:i:2}"; do
    run_target "$name" &
    pids+=("$!:$name")
  done
  for entry in "${pids[@]}"; do
    wait "${entry%%:*}" || failed+=("${entry#*:}")
  done
done

printf '\n%-16s %12s %8s %8s  %s\n' target executions seconds "peak MB" result
for name in "${targets[@]}"; do
  log=$work/$name.log
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  result=ok
  [[ " ${failed[*]} " == *" $name "* ]] && result="FINDING (log: $log)"
  printf '%-16s %12s %8s %8s  %s\n' "$name" "$(stat number_of_executed_units)" "$seconds" \
    "$(stat peak_rss_mb)" "$result"
done
if ((${#failed[@]})); then
  for name in "${failed[@]}"; do
    echo
    echo "== $name: the end of its log =="
    tail -40 "$work/$name.log"
  done
  echo
  echo "fuzz: findings in ${failed[*]}; inputs in $artifacts/ (replay one: $build_dir/tests/fuzz_replay_TARGET FILE)"
  exit 1
fi
echo "fuzz: no findings in ${#targets[@]} targets"
