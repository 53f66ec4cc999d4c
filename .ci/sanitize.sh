#!/usr/bin/env bash
# CI: the tests under sanitizers, built with clang 14 (docs/reliability.md, "Sanitizers").
#   asan  every CTest suite of a STRATA_SANITIZE="address;undefined" build: AddressSanitizer,
#         UndefinedBehaviorSanitizer (no recovery: the first finding fails) and LeakSanitizer at
#         the exit of every process, strata-cli started by the harnesses included
#   tsan  the suites that run threads (the pipeline's tasks, the engineer's timeframes and load,
#         the cache's background threads and cross-process locks, the plugin checker's threads)
#         in a STRATA_SANITIZE=thread build, where those run on std::threads TSan can see
# Usage: .ci/sanitize.sh [asan] [tsan]      (no argument: both)
#   STRATA_ASAN_BUILD_DIR, STRATA_TSAN_BUILD_DIR  build directories (build-ci-asan, build-ci-tsan)
#   STRATA_JOBS  compile jobs (2); STRATA_TEST_JOBS  tests at once (2)
# Runtime options and suppressions: tests/sanitizers/ (CTest applies them; see cmake/sanitizers.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
((${#parts[@]})) || parts=(asan tsan)
for part in "${parts[@]}"; do
  [[ $part == asan || $part == tsan ]] || { echo "sanitize.sh: unknown part '$part' (asan, tsan)" >&2; exit 2; }
done
scripts/setup.sh --with-tests
jobs=${STRATA_JOBS:-2}
test_jobs=${STRATA_TEST_JOBS:-2}
export QT_QPA_PLATFORM=offscreen

# The threaded suites, and the targets they need (ctest adds the fixtures they require).
tsan_tests=(test_pipeline test_feature_engineer test_aligned_matrix test_keep_raw test_plugin_contract
  test_cache_codec test_cache_redis)
tsan_targets=("${tsan_tests[@]}" cache_probe)

# The instrumented builds of scripts/build.sh (clang 14, -O1, line tables only).
asan() {
  local dir=${STRATA_ASAN_BUILD_DIR:-build-ci-asan}
  timed "asan build" env STRATA_BUILD_DIR="$dir" STRATA_SANITIZE="address;undefined" STRATA_JOBS="$jobs" \
    scripts/build.sh
  timed "asan tests" ctest --test-dir "$dir" --output-on-failure -j"$test_jobs"
}

tsan() {
  local dir=${STRATA_TSAN_BUILD_DIR:-build-ci-tsan}
  timed "tsan build" env STRATA_BUILD_DIR="$dir" STRATA_SANITIZE=thread STRATA_JOBS="$jobs" \
    scripts/build.sh --target "${tsan_targets[@]}"
  timed "tsan tests" ctest --test-dir "$dir" --output-on-failure -j"$test_jobs" \
    -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$"
}

# timed LABEL COMMAND...: runs it and adds its seconds to LABEL's.
declare -A seconds=()
labels=()
timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  [[ -v seconds[$label] ]] || labels+=("$label")
  seconds[$label]=$((${seconds[$label]:-0} + SECONDS - start))
}

for part in "${parts[@]}"; do "$part"; done
for label in "${labels[@]}"; do echo "sanitize.sh: $label ${seconds[$label]} s"; done
