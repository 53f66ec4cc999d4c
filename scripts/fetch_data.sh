#!/usr/bin/env bash
# Re-creates resources/data/ from the pinned npm packages it came from, byte for byte.
# The numbers are copied unchanged; only the columns are reduced to
# timestamp,open,high,low,close,volume (the adjusted close is dropped).
# Needs npm (the registry) and node; checks every download against a pinned SHA-256 and the
# S&P 500 file against the git-blob SHA-1 its own datapackage.json records.
set -euo pipefail
cd "$(dirname "$0")/.."
out=resources/data
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

OBS=@observablehq/sample-datasets@1.0.1
OBS_TGZ=observablehq-sample-datasets-1.0.1.tgz
OBS_SHA256=8cb79bcc90c9dab6155deb6aa1ec203716735301a5ed3f591817e3e0a298525a
VEGA=vega-datasets@3.2.1
VEGA_TGZ=vega-datasets-3.2.1.tgz
VEGA_SHA256=6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3

(cd "$work" && npm pack --silent "$OBS" "$VEGA" >/dev/null)
(cd "$work" && printf '%s  %s\n%s  %s\n' "$OBS_SHA256" "$OBS_TGZ" "$VEGA_SHA256" "$VEGA_TGZ" | sha256sum -c --quiet -)

mkdir -p "$work/observable" "$work/vega"
tar -xzf "$work/$OBS_TGZ" -C "$work/observable" --strip-components=1 package/aapl.csv package/LICENSE package/README.md
tar -xzf "$work/$VEGA_TGZ" -C "$work/vega" --strip-components=1 \
  package/data/sp500-2000.csv package/package.json package/datapackage.json package/README.md

# The datapackage records each file's git blob SHA-1.
want=$(node -e 'const d=require(process.argv[1]); const r=d.resources.find(r=>r.name==="sp500_2000"); console.log(r.hash.replace("sha1:",""))' \
  "$work/vega/datapackage.json")
got=$(git hash-object "$work/vega/data/sp500-2000.csv")
[ "$want" = "$got" ] || { echo "sp500-2000.csv: hash $got, datapackage says $want" >&2; exit 1; }

# Date,Open,High,Low,Close,Adj Close,Volume -> timestamp,open,high,low,close,volume
awk -F, 'NR == 1 { print "timestamp,open,high,low,close,volume"; next } { print $1","$2","$3","$4","$5","$7 }' \
  "$work/observable/aapl.csv" > "$out/AAPL.csv"
# date,open,high,low,close,adjclose,volume -> same
awk -F, 'NR == 1 { print "timestamp,open,high,low,close,volume"; next } { print $1","$2","$3","$4","$5","$7 }' \
  "$work/vega/data/sp500-2000.csv" > "$out/SPX.csv"

mkdir -p "$out/LICENSES"
cp "$work/observable/LICENSE" "$out/LICENSES/observablehq-sample-datasets.LICENSE"
# vega-datasets ships no LICENSE file: its terms are stated in package.json, README.md and
# datapackage.json. Copy those statements verbatim.
node - "$work/vega" > "$out/LICENSES/vega-datasets.NOTICE" <<'EOF'
const fs = require('fs');
const dir = process.argv[2];
const pkg = JSON.parse(fs.readFileSync(dir + '/package.json', 'utf8'));
const dp = JSON.parse(fs.readFileSync(dir + '/datapackage.json', 'utf8'));
const readme = fs.readFileSync(dir + '/README.md', 'utf8');
const res = dp.resources.find(r => r.name === 'sp500_2000');
const grab = (re) => (readme.match(re) || [''])[0].trim();
console.log(`vega-datasets ${pkg.version} (npm) ships no LICENSE file. Its licence statements, verbatim:

package.json "license": ${pkg.license}

README.md:
${grab(/> \*\*Dataset Licensing\*\*[^\n]*/)}

${grab(/## License\n\n[^\n]*/)}

datapackage.json "description":
${dp.description.trim()}

datapackage.json "licenses": ${JSON.stringify(dp.licenses)}

datapackage.json resource "sp500_2000" (the file bundled as SPX.csv; it names no licence of
its own, so the terms of its source apply):
${JSON.stringify({name: res.name, description: res.description, sources: res.sources, path: res.path, hash: res.hash, bytes: res.bytes}, null, 2)}`);
EOF
echo "data: $(wc -l < "$out/AAPL.csv") lines AAPL, $(wc -l < "$out/SPX.csv") lines SPX"
