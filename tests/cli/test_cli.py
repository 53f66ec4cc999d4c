"""End-to-end checks of strata-cli as a user runs it. Prints 'N passed, N failed'."""
import math
import os

import pandas as pd

from cli_harness import args, check, finish, run


def write(name, text):
    path = os.path.join(args.work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# plugins: every shipped plugin is listed with its schema
p = run("plugins")
check("plugins exits 0", p.returncode == 0, p.stderr)
for plugin_id in ["rsi", "macd", "bollinger", "atr", "obv", "microstructure", "lag", "diff",
                  "pct_change", "rolling", "crossover"]:
    check(f"plugins lists {plugin_id}", f"\n{plugin_id}  " in p.stdout, p.stdout[:400])
check("plugins shows a parameter schema", "window  int  default 14  min 1" in p.stdout, p.stdout[:800])

# generate: the default pipeline on the bundled daily AAPL bars
out = os.path.join(args.work, "aapl.csv")
if os.path.exists(out):
    os.remove(out)
g = run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--out", out, "--report")
check("generate exits 0", g.returncode == 0, g.stderr)
if g.returncode == 0:
    df = pd.read_csv(out)
    bars = pd.read_csv(os.path.join(args.data_dir, "AAPL.csv"))
    check("one row per bar", len(df) == len(bars), f"{len(df)} vs {len(bars)}")
    check("678 features + timestamp + target", df.shape[1] == 680, str(df.shape))
    check("first columns", list(df.columns[:7]) == ["timestamp", "open", "high", "low", "close",
                                                      "volume", "rsi"], str(list(df.columns[:7])))
    check("last column is target", df.columns[-1] == "target")
    check("target missing only on the last row",
          df["target"].isna().sum() == 1 and math.isnan(df["target"].iloc[-1]))
    features = df.drop(columns=["timestamp", "target"])
    check("normalised into [0, 1]", features.min().min() >= 0 and features.max().max() <= 1,
          f"{features.min().min()} {features.max().max()}")
    check("no NaN after normalisation", not features.isna().any().any())
    check("report names the inf columns", "columns holding +-inf" in g.stderr, g.stderr[-600:])
    check("report warns about leakage", "look-ahead" in g.stderr, g.stderr[-600:])

# generate, raw values, a 1d series resampled to 1w
weekly = os.path.join(args.work, "weekly.csv")
w = run("generate", "--data-dir", args.data_dir, "--symbol", "AAPL", "--timeframe", "1w",
        "--raw", "--out", weekly)
check("weekly generate exits 0", w.returncode == 0, w.stderr)
if w.returncode == 0:
    dfw = pd.read_csv(weekly, parse_dates=["timestamp"])
    check("weekly rows start on Monday", (dfw["timestamp"].dt.dayofweek == 0).all())

# bad input: clear messages, documented exit codes, nothing written
bad = write("bad.yaml", "indicators:\n  - plugin: rsi\n    params: {window: 0}\n")
b = run("generate", "--data-dir", args.data_dir, "--config", bad, "--out",
        os.path.join(args.work, "never.csv"))
check("bad config exits 3", b.returncode == 3, f"{b.returncode} {b.stderr}")
check("bad config names file:line:column", "bad.yaml:3:" in b.stderr, b.stderr)
check("nothing written on error", not os.path.exists(os.path.join(args.work, "never.csv")))
u = run("generate", "--data-dir", args.data_dir, "--symbol", "NOPE", "--out", out)
check("unknown symbol exits 3", u.returncode == 3 and "no data for symbol 'NOPE'" in u.stderr, u.stderr)
m = run("generate", "--data-dir", args.data_dir, "--timeframe", "1h", "--out", out)
check("finer timeframe than the data is refused", m.returncode == 3 and "1d bars" in m.stderr,
      m.stderr)
n = run("generate")
check("missing --out is a usage error", n.returncode == 2, str(n.returncode))
x = run("frobnicate")
check("unknown command is a usage error", x.returncode == 2, str(x.returncode))
h = run("generate", "--help")
check("generate --help", h.returncode == 0 and "--timeframe" in h.stdout)

# synth: deterministic
s1, s2 = os.path.join(args.work, "s1.csv"), os.path.join(args.work, "s2.csv")
run("synth", "--rows", "5000", "--seed", "7", "--out", s1)
run("synth", "--rows", "5000", "--seed", "7", "--out", s2)
same = open(s1).read() == open(s2).read()
check("synth is deterministic", same)
syn = pd.read_csv(s1)
check("synth bars are consistent",
      len(syn) == 5000 and (syn.high >= syn[["open", "close"]].max(axis=1)).all()
      and (syn.low <= syn[["open", "close"]].min(axis=1)).all() and (syn.volume >= 0).all())
hourly = os.path.join(args.work, "hourly.csv")
r = run("generate", "--data", s1, "--timeframe", "1h", "--out", hourly)
check("1m synthetic resampled to 1h", r.returncode == 0, r.stderr)

finish()
