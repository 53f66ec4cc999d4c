#!/usr/bin/env bash
# Sets up, builds, and opens the Strata workbench on the bundled data:
#   scripts/run.sh                      the workbench (strata); without a display, the CLI default
#   scripts/run.sh --cli [generate options]
#                                       headless: strata-cli generate (default: --symbol AAPL
#                                       --out features.csv --report)
#   scripts/run.sh --gui [strata options]   the workbench, or fail when there is no display
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
build_dir=${STRATA_BUILD_DIR:-build}

mode=auto
case "${1:-}" in
  --cli) mode=cli; shift ;;
  --gui) mode=gui; shift ;;
esac
have_display=0
[[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" || "${QT_QPA_PLATFORM:-}" == offscreen ]] && have_display=1
if [[ $mode == auto ]]; then
  if ((have_display)) && (($# == 0)); then mode=gui; else mode=cli; fi
  if [[ $mode == cli ]] && ((!have_display)) && (($# == 0)); then
    echo "run: no display (DISPLAY is not set): running the headless CLI instead of the workbench" >&2
  fi
fi

if [[ $mode == gui ]]; then
  exec "$build_dir/bin/strata" "$@"
fi
args=("$@")
((${#args[@]})) || args=(--symbol AAPL --out features.csv --report)
"$build_dir/bin/strata-cli" plugins | sed -n 1,3p  # sed reads it all: no SIGPIPE under pipefail
exec "$build_dir/bin/strata-cli" generate "${args[@]}"
