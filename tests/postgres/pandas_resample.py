#!/usr/bin/env python3
"""pandas' resample(...).agg(...) as the independent reference for SQL and engine bar aggregation.

Reads a CSV (ts in integer microseconds UTC, open, high, low, close, volume), aggregates into
buckets of SECONDS (left-closed, left-labelled, from the epoch, or from Monday 1970-01-05 for
whole weeks) and writes the non-empty buckets in the same layout, values in full precision.
"""
import argparse

import pandas as pd

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("input")
parser.add_argument("seconds", type=int)
parser.add_argument("output")
args = parser.parse_args()

bars = pd.read_csv(args.input, dtype={"ts": "int64"}, float_precision="round_trip")
bars.index = pd.to_datetime(bars.pop("ts"), unit="us", utc=True)
week = 7 * 86400
origin = pd.Timestamp("1970-01-05", tz="UTC") if args.seconds % week == 0 else "epoch"
buckets = bars.resample(f"{args.seconds}s", closed="left", label="left", origin=origin)
out = buckets.agg({"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"})
out = out[buckets.size() > 0]  # an empty bucket makes no row
out.insert(0, "ts", out.index.asi8 // 1000)
out.to_csv(args.output, index=False, na_rep="nan")
