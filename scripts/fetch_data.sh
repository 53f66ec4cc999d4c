#!/usr/bin/env bash
# Re-creates resources/data/ from the pinned npm packages it came from. The numbers are copied
# unchanged; only the columns are reduced to timestamp,open,high,low,close,volume (the adjusted
# close is dropped).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @observablehq/sample-datasets@1.0.1 vega-datasets@3.2.1 >/dev/null)
tar -xzf "$work/observablehq-sample-datasets-1.0.1.tgz" -C "$work" package/aapl.csv package/LICENSE
mv "$work/package" "$work/observable"
tar -xzf "$work/vega-datasets-3.2.1.tgz" -C "$work" package/data/sp500-2000.csv package/package.json
mv "$work/package" "$work/vega"

# Date,Open,High,Low,Close,Adj Close,Volume -> timestamp,open,high,low,close,volume
awk -F, 'NR == 1 { print "timestamp,open,high,low,close,volume"; next } { print $1","$2","$3","$4","$5","$7 }' \
  "$work/observable/aapl.csv" > resources/data/AAPL.csv
# date,open,high,low,close,adjclose,volume -> same
awk -F, 'NR == 1 { print "timestamp,open,high,low,close,volume"; next } { print $1","$2","$3","$4","$5","$7 }' \
  "$work/vega/data/sp500-2000.csv" > resources/data/SPX.csv
mkdir -p resources/data/LICENSES
cp "$work/observable/LICENSE" resources/data/LICENSES/observablehq-sample-datasets.LICENSE
echo "data: $(wc -l < resources/data/AAPL.csv) lines AAPL, $(wc -l < resources/data/SPX.csv) lines SPX"
