#!/usr/bin/env bash
# The installed SDK as a plugin author meets it: Strata installed to a prefix (cmake --install),
# the template plugin (examples/plugin-template) configured OUT OF TREE with find_package(Strata),
# built, its kernel test run, installed into the prefix's plugin directory, then:
#  - every installed library and plugin resolves all its libraries (ldd: nothing "not found"),
#    RUNPATHs are $ORIGIN-relative, and no installed binary names the build or source tree;
#  - the installed strata-cli lists the template, check-plugin passes it and the bundled plugins,
#    and generate computes its column;
#  - the installed strata (the workbench, offscreen) draws it in its own pane from its hints.
# Usage: test_installed_sdk.sh BUILD_DIR SOURCE_DIR WORK_DIR [CXX_COMPILER [SANITIZER_FLAGS]]
# (the compiler Strata was built with, and its -fsanitize flags in a sanitizer build)
set -euo pipefail
build=$(realpath "$1"); source=$(realpath "$2"); work=$3
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work")
prefix=$work/prefix
template_args=()
[[ -n ${4:-} ]] && template_args+=(-DCMAKE_CXX_COMPILER="$4")
if [[ -n ${5:-} ]]; then
  template_args+=(-DSTRATA_SANITIZE=on -DCMAKE_CXX_FLAGS="$5" -DCMAKE_EXE_LINKER_FLAGS="$5"
    -DCMAKE_MODULE_LINKER_FLAGS="$5" -DCMAKE_SHARED_LINKER_FLAGS="$5")
fi
# An instrumented binary keeps the path of every source it was compiled from (ASan's and UBSan's
# source locations; clang 14 applies no prefix map to them): a sanitizer build is never shipped,
# and paths are checked in the normal build only.
check_paths=true
[[ -n ${5:-} ]] && check_paths=false
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== install Strata to $prefix"
cmake --install "$build" --prefix "$prefix" --strip >/dev/null
[[ -f $prefix/lib/cmake/Strata/StrataConfig.cmake ]] || fail "no StrataConfig.cmake installed"
[[ -f $prefix/include/strata/sdk/plugin_api.h ]] || fail "no SDK headers installed"
[[ ! -e $prefix/include/strata/pipeline.h ]] || fail "the engine's host headers must not be installed for plugins"

echo "== the template plugin, out of tree"
cmake -S "$source/examples/plugin-template" -B "$work/template" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$prefix" "${template_args[@]}" >/dev/null
cmake --build "$work/template" >/dev/null
ctest --test-dir "$work/template" --output-on-failure >/dev/null || fail "the template's kernel test failed"
cmake --install "$work/template" --strip >/dev/null
plugin_dir=$prefix/lib/strata/plugins
[[ -f $plugin_dir/libstrata_zscore_example.so ]] || fail "the template did not install into $plugin_dir"

echo "== linking of the installed files"
mapfile -t libraries < <(find "$prefix" -name '*.so*' -type f; find "$prefix/bin" -type f)
for file in "${libraries[@]}"; do
  if ldd "$file" | grep -q "not found"; then ldd "$file" >&2; fail "$file: a library is not found"; fi
  runpath=$(readelf -d "$file" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
  [[ -z $runpath || $runpath == \$ORIGIN* ]] || fail "$file: RUNPATH $runpath is not \$ORIGIN-relative"
  $check_paths || continue
  for tree in "$build" "$source"; do
    if grep -q -a -F "$tree" "$file"; then fail "$file names $tree"; fi
  done
done
$check_paths || echo "(no build or source path checked: a sanitizer build keeps them)"
soname=$(readelf -d "$prefix/lib/libstrata_sdk.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $soname == libstrata_sdk.so.1 ]] || fail "SDK SONAME is '$soname', expected libstrata_sdk.so.1"
engine_soname=$(readelf -d "$prefix/lib/libstrata_engine.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[[ $engine_soname =~ ^libstrata_engine\.so\.[0-9]+$ ]] || fail "engine SONAME is '$engine_soname'"
# A plugin with no shared math needs QtCore only; one that uses SDK kernels names the SDK.
readelf -d "$plugin_dir/libstrata_obv.so" | grep -q "libstrata_sdk" && fail "obv links the SDK without using it"
readelf -d "$plugin_dir/libstrata_zscore_example.so" | grep -q "libstrata_sdk.so.1" || fail "the template does not link the SDK"
readelf -d "$plugin_dir/libstrata_obv.so" | grep -q "libstrata_engine" && fail "a plugin links the engine"

echo "== the installed strata-cli"
cli=$prefix/bin/strata-cli
"$cli" plugins > "$work/plugins.txt" 2>&1 || fail "strata-cli plugins failed: $(cat "$work/plugins.txt")"
grep -q "zscore_example" "$work/plugins.txt" || fail "the installed strata-cli does not list the template: $(cat "$work/plugins.txt")"
for plugin in "$plugin_dir"/*.so; do
  "$cli" check-plugin "$plugin" > "$work/check.txt" 2>&1 || { cat "$work/check.txt" >&2; fail "check-plugin $plugin"; }
done
cat > "$work/template.yaml" <<'YAML'
indicators:
  - plugin: zscore_example
    params: {window: 10}
YAML
"$cli" generate --no-cache --raw --config "$work/template.yaml" --out "$work/zscore.csv" > "$work/generate.txt" 2>&1 ||
  fail "generate with the template failed: $(cat "$work/generate.txt")"
head -1 "$work/zscore.csv" | tr ',' '\n' | grep -qx "zscore" || fail "no zscore column in $(head -c 300 "$work/zscore.csv")"

echo "== the installed strata (the workbench) charts the template from its display hints"
QT_QPA_PLATFORM=offscreen timeout 300 "$prefix/bin/strata" --pipeline "$work/template.yaml" \
  --screenshot "$work/template.png" > "$work/gui.txt" 2>&1 || fail "strata --screenshot failed: $(cat "$work/gui.txt")"
[[ -s $work/template.png ]] || fail "no screenshot written"
# Its own pane (not the price pane), holding only zscore, with the guide lines of its hints.
grep -qx "pane: zscore | guides -2 0 2" "$work/gui.txt" || fail "zscore not in its own pane with its guides: $(cat "$work/gui.txt")"
echo "installed SDK: ok"
