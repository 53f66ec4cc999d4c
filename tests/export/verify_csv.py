"""Reads a CSV written by Strata with pandas and checks it holds exactly the dumped values.

Usage: /usr/bin/python3 verify_csv.py FILE.csv EXPECTED.json EXPECTED.bin
expected.json/.bin as for verify_parquet.mjs; options "delimiter", "nanText", "float32".
"""
import json
import sys

import numpy as np
import pandas as pd

path, expected_json, expected_bin = sys.argv[1:4]
expected = json.load(open(expected_json))
rows = expected["rows"]
columns = expected["columns"]
raw = np.fromfile(expected_bin, dtype="<f8")
failures = []


def fail(what):
    if len(failures) < 30:
        failures.append(what)


nan_text = expected.get("nanText", "")
frame = pd.read_csv(path, sep=expected.get("delimiter", ","), float_precision="round_trip",
                    na_values=[nan_text] if nan_text else None, keep_default_na=True,
                    dtype={c["name"]: (str if c["type"] == "timestamp" else "f8") for c in columns})
if list(frame.columns) != [c["name"] for c in columns]:
    fail(f"header {list(frame.columns)[:10]} differs from {[c['name'] for c in columns][:10]}")
if len(frame) != rows:
    fail(f"{len(frame)} rows, expected {rows}")
checked = 0
for i, c in enumerate(columns):
    if failures or c["name"] not in frame:
        break
    block = raw[i * rows:(i + 1) * rows]
    if c["type"] == "timestamp":
        got = pd.to_datetime(frame[c["name"]], utc=True).astype("int64").to_numpy() // 1000
        want = block.view("<i8")
        bad = np.nonzero(got != want)[0]
    else:
        got = frame[c["name"]].to_numpy(dtype="f8")
        want = block
        if c["type"] == "float":
            got, want = got.astype("f4"), want.astype("f4")
        same = (got.view("u8" if got.dtype == np.float64 else "u4") == want.view("u8" if want.dtype == np.float64 else "u4"))
        same |= np.isnan(got) & np.isnan(want)
        bad = np.nonzero(~same)[0]
    checked += rows
    for r in bad[:5]:
        fail(f"{c['name']}[{r}] = {got[r]!r}, expected {want[r]!r}")
print(f"{path}: {checked} values checked with pandas {pd.__version__}, {'FAILED' if failures else 'all exact'}")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
