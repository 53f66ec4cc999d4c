"""End-to-end checks of strata-cli generate --timeframes/--aligned and strata-cli symbols, read
back by pandas; the aligned matrix is checked against pandas' merge_asof on bar close times and
the per-timeframe bars against pandas' resample. Prints 'N passed, N failed'."""
import os

import numpy as np
import pandas as pd

from cli_harness import args, check, finish, run


def path(name):
    p = os.path.join(args.work, name)
    if os.path.exists(p):
        os.remove(p)
    return p


DURATION = {"1m": "1min", "5m": "5min", "15m": "15min", "1h": "1h", "1d": "1D", "1w": "7D"}


def check_aligned(label, aligned_path, per_tf_paths, columns):
    """Every higher timeframe's value at a base row is its latest bar closed by the base close."""
    aligned = pd.read_csv(aligned_path)
    aligned["t"] = pd.to_datetime(aligned["timestamp"], utc=True)
    tfs = list(per_tf_paths)
    base = min(tfs, key=lambda tf: pd.Timedelta(DURATION[tf]))
    base_close = aligned["t"] + pd.Timedelta(DURATION[base])
    for tf in tfs:
        frame = pd.read_csv(per_tf_paths[tf])
        frame["close_time"] = pd.to_datetime(frame["timestamp"], utc=True) + pd.Timedelta(DURATION[tf])
        left = pd.DataFrame({"close_time": base_close, "row": np.arange(len(aligned))})
        joined = pd.merge_asof(left, frame, on="close_time", direction="backward")
        for c in columns:
            ours = aligned[f"{tf}__{c}"].to_numpy()
            want = joined[c].to_numpy()
            same = np.array_equal(ours, want, equal_nan=True)
            where = "" if same else str(np.flatnonzero(~((ours == want) | (np.isnan(ours) & np.isnan(want))))[:5])
            check(f"{label}: aligned {tf}__{c} == pandas merge_asof on close times", same, where)
    check(f"{label}: aligned target is the base timeframe's",
          np.array_equal(aligned["target"].to_numpy(), pd.read_csv(per_tf_paths[base])["target"].to_numpy(), equal_nan=True))


# symbols: the bundled data, counted by pandas
s = run("symbols")
check("symbols exits 0", s.returncode == 0, s.stderr)
for sym in ["AAPL", "SPX"]:
    bars = pd.read_csv(os.path.join(args.data_dir, f"{sym}.csv"))
    line = next((l for l in s.stdout.splitlines() if l.startswith(sym + " ")), "")
    fields = line.split()
    check(f"symbols: {sym} first, last, bars, 1d",
          fields[1:] == [bars["timestamp"].iloc[0] + "T00:00:00Z", bars["timestamp"].iloc[-1] + "T00:00:00Z",
                         str(len(bars)), "1d"], line)
check("symbols --help exits 0", run("symbols", "--help").returncode == 0)
check("symbols on a missing directory: exit 3", run("symbols", "--data-dir", path("nowhere")).returncode == 3)

# One timeframe through the engineer == the single-timeframe path, byte for byte.
single, multi = path("single_1w.csv"), path("multi_1w.csv")
a = run("generate", "--symbol", "AAPL", "--timeframe", "1w", "--out", single, "--no-cache")
b = run("generate", "--symbol", "AAPL", "--timeframes", "1w", "--out", multi, "--no-cache")
check("both generate paths exit 0", a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr)
if a.returncode == 0 and b.returncode == 0:
    check("--timeframes 1w equals --timeframe 1w byte for byte", open(single).read() == open(multi).read())

# Daily bundled data, 1d and 1w, lookback and aligned (raw values).
out = path("aapl.csv")
g = run("generate", "--symbol", "AAPL", "--timeframes", "1d,1w", "--lookback-days", "365", "--aligned",
        "--raw", "--out", out, "--no-cache")
check("generate --timeframes 1d,1w --aligned exits 0", g.returncode == 0, g.stderr)
check("no progress escapes when stderr is piped", "\x1b[" not in g.stderr, repr(g.stderr[:200]))
if g.returncode == 0:
    day = pd.read_csv(out.replace(".csv", "_1d.csv"))
    bars = pd.read_csv(os.path.join(args.data_dir, "AAPL.csv"))
    last = pd.Timestamp(bars["timestamp"].iloc[-1], tz="UTC")
    expected = bars[pd.to_datetime(bars["timestamp"], utc=True) >= last + pd.Timedelta("1D") - pd.Timedelta("365D")]
    check("lookback: the last 365 days of daily bars", len(day) == len(expected), f"{len(day)} vs {len(expected)}")
    check_aligned("AAPL", out, {"1d": out.replace(".csv", "_1d.csv"), "1w": out.replace(".csv", "_1w.csv")},
                  ["close", "rsi", "volume", "macd"])

# Synthetic 1m bars through --settings (csv_dir), 1m/5m/1h: resampling and alignment vs pandas.
syn_dir = os.path.join(args.work, "syn")
os.makedirs(syn_dir, exist_ok=True)
synth = run("synth", "--rows", "8000", "--seed", "3", "--out", os.path.join(syn_dir, "SYN.csv"))
check("synth exits 0", synth.returncode == 0, synth.stderr)
settings = os.path.join(args.work, "settings.yaml")
with open(settings, "w") as f:
    f.write(f"data:\n  source: csv\n  csv_dir: \"{syn_dir}\"\ncache:\n  enabled: false\n")
out = path("syn.csv")
g = run("generate", "--settings", settings, "--symbol", "SYN", "--timeframes", "1m,5m,1h", "--lookback-days", "3",
        "--aligned", "--raw", "--out", out)
check("generate --settings (csv_dir) exits 0", g.returncode == 0, g.stderr)
if g.returncode == 0:
    minutes = pd.read_csv(os.path.join(syn_dir, "SYN.csv"))
    minutes.index = pd.to_datetime(minutes["timestamp"], utc=True)
    window_start = minutes.index[-1] + pd.Timedelta("1min") - pd.Timedelta("3D")
    for tf, rule in [("5m", "5min"), ("1h", "1h")]:
        start = window_start.floor(rule)
        sel = minutes[minutes.index >= start]
        grouped = sel.resample(rule, label="left", closed="left")
        ref = grouped.agg({"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"})
        ref = ref[grouped["close"].count() > 0]
        ours = pd.read_csv(out.replace(".csv", f"_{tf}.csv"))
        same = len(ours) == len(ref) and all(np.allclose(ours[c].to_numpy(), ref[c].to_numpy(), rtol=1e-12, atol=0)
                                             for c in ["open", "high", "low", "close", "volume"])
        check(f"synthetic {tf} bars == pandas resample(...).agg(...) over the window", same, f"{len(ours)} vs {len(ref)}")
    check_aligned("synthetic", out, {tf: out.replace(".csv", f"_{tf}.csv") for tf in ["5m", "1h"]} | {"1m": out.replace(".csv", "_1m.csv")},
                  ["close", "rsi", "obv"])

# Exit codes and isolation of a failing timeframe.
out = path("mixed.csv")
m = run("generate", "--symbol", "AAPL", "--timeframes", "1m,1d", "--out", out, "--no-cache")
check("1m from daily data: exit 1", m.returncode == 1, m.stderr)
check("1m from daily data: said", "cannot make 1m bars of 'AAPL'" in m.stderr, m.stderr)
check("1m from daily data: 1d still written", os.path.exists(out.replace(".csv", "_1d.csv")))
check("unknown timeframe: exit 2", run("generate", "--timeframes", "1m,7x", "--out", out).returncode == 2)
check("unknown symbol: exit 3", run("generate", "--symbol", "NOPE", "--timeframes", "1d", "--out", out).returncode == 3)
check("--timeframe with --timeframes: exit 2",
      run("generate", "--timeframe", "1d", "--timeframes", "1d,1w", "--out", out).returncode == 2)

finish()
