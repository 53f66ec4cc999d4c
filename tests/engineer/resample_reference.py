"""pandas' own resample of an OHLCV CSV: the independent reference for strata's resampler.
Usage: resample_reference.py BARS.csv RULE OUT.csv
RULE is a pandas offset ("5min", "1h", "1D", "W-MON"). Buckets are left-closed and
left-labelled; buckets without a bar are dropped (strata makes no row for them). Timestamps are
written as epoch microseconds, values with repr() (shortest round-trip)."""
import sys

import pandas as pd

bars_path, rule, out_path = sys.argv[1:4]
bars = pd.read_csv(bars_path)
time_column = bars.columns[0]
bars.index = pd.to_datetime(bars[time_column], utc=True)
bars = bars.drop(columns=[time_column])
grouped = bars.resample(rule, label="left", closed="left")
out = grouped.agg({"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"})
out = out[grouped["close"].count() > 0]
with open(out_path, "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    for ts, row in zip(out.index, out.itertuples(index=False)):
        micros = (ts - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(microseconds=1)
        f.write(",".join([str(micros)] + [repr(float(v)) for v in row]) + "\n")
