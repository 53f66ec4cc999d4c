"""The independent reference: the feature engineering guide's pandas code, with Strata's options.

Written from the original spec's formulas (restated in docs/spec.md), not from Strata's C++
code. Run with Debian's pandas (/usr/bin/python3). Two variants of every rolling mean/std/corr
are available:
  exact=False  pandas' own running-sum rolling (what the spec's code computes);
  exact=True   a two-pass computation per window (numpy sliding windows), exact to rounding.
pandas' running sums drift on large prices with small variance (measured: 5e-5 of the column's
size for prices near 1e6 moving by 1e-7), so the C++ engine is compared with the exact variant
at 1e-9 relative / 1e-12 absolute and with pandas at 1e-6 (see make_cases.py): a tolerance
that pandas itself cannot meet would test pandas, not the engine.

The pandas variant is checked against the guide's own code (spec_literal.py) by make_cases.py:
wherever Strata's options coincide with the spec, the two are identical bit for bit.

Options Strata adds, and what they mean here:
  smoothing (rsi, atr)  sma: rolling mean (the spec); wilder: TA-Lib's, seeded with the mean of
                        the first `window` values, then avg += (x - avg) / window; ema:
                        ewm(alpha=2/(window+1), adjust=False, min_periods=window).
  ddof (bollinger, rolling std)  1 (the spec, pandas' default) or 0.
  apply_to              base (OHLCV, indicators, microstructure), all (every column so far: the
                        spec), or a list of names / fnmatch globs.
  target                1 if close.pct_change(h).shift(-h) > 0 else 0 (pct_change forward-fills
                        missing closes first, as pandas does); the last h rows are NaN, or 0 with
                        seed_compat (the spec).
  normalization         min-max; fit all (the spec) | train_fraction (fit on the first
                        floor(f * rows) rows, applied to all, not clipped) | expanding (row i by
                        rows 0..i); inf_policy spec (nanmin/nanmax with the inf: such a column
                        becomes zeros) | keep (fit on finite values, inf stays inf) | nan (inf ->
                        NaN first, so 0) | clip (inf -> the fitted finite max/min); NaN -> 0.

Command line: /usr/bin/python3 reference.py --bars BARS.csv --config PIPELINE.json|yaml --out DIR
"""
import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

BAR_COLUMNS = ["open", "high", "low", "close", "volume"]

# Relative nudge applied to every exact rolling mean/std/corr when measuring how sensitive each
# output cell is to rounding in those statistics (make_cases.py): a different but equally
# correct implementation differs from this one by a few ulps there, and cells that subtract
# nearly equal numbers afterwards amplify that.
PERTURB = 0.0


NUDGE_PATTERN = 0
_nudge_calls = [0]


def _nudge(values):
    # The sign alternates between calls and along rows (pattern 0: every row, pattern 1: every
    # second row), so that neither a ratio of two statistics (SMA20 / SMA50) nor a difference of
    # rows (diff, pct-change) cancels the nudge away; make_cases.py takes the larger movement
    # of the two patterns.
    if PERTURB == 0.0:
        return values
    _nudge_calls[0] += 1
    rows = np.arange(len(values))
    if NUDGE_PATTERN == 1:
        rows = rows // 2
    signs = np.where((rows + _nudge_calls[0]) % 2 == 0, 1.0, -1.0)
    return values * (1.0 + PERTURB * signs)


# ---- rolling statistics -------------------------------------------------------------------
def _windows(x, w):
    v = np.asarray(x, dtype=float).copy()
    v[~np.isfinite(v)] = np.nan  # pandas' rolling treats +-inf as missing
    if w > len(v):
        return v, None
    return v, sliding_window_view(v, w)


def _pad(values, n, w):
    out = np.full(n, np.nan)
    if values is not None:
        out[w - 1:] = values
    return out


def roll_mean(x, w, exact):
    if not exact:
        return pd.Series(x).rolling(w).mean().to_numpy()
    v, win = _windows(x, w)
    with np.errstate(all="ignore"):
        return _nudge(_pad(None if win is None else win.mean(axis=1), len(v), w))


def roll_std(x, w, exact, ddof=1):
    if not exact:
        return pd.Series(x).rolling(w).std(ddof=ddof).to_numpy()
    v, win = _windows(x, w)
    if win is None or w <= ddof:
        return np.full(len(v), np.nan)
    with np.errstate(all="ignore"):
        mean = win.mean(axis=1, keepdims=True)
        var = ((win - mean) ** 2).sum(axis=1) / (w - ddof)
    return _nudge(_pad(np.sqrt(var), len(v), w))


def roll_corr(x, y, w, exact):
    if not exact:
        return pd.Series(x).rolling(w).corr(pd.Series(y)).to_numpy()
    xv = np.asarray(x, dtype=float).copy()
    yv = np.asarray(y, dtype=float).copy()
    bad = ~np.isfinite(xv) | ~np.isfinite(yv)
    xv[bad] = np.nan
    yv[bad] = np.nan
    if w > len(xv) or w < 2:
        return np.full(len(xv), np.nan)
    wx, wy = sliding_window_view(xv, w), sliding_window_view(yv, w)
    with np.errstate(all="ignore"):
        dx = wx - wx.mean(axis=1, keepdims=True)
        dy = wy - wy.mean(axis=1, keepdims=True)
        corr = (dx * dy).sum(axis=1) / np.sqrt((dx * dx).sum(axis=1) * (dy * dy).sum(axis=1))
    return _nudge(_pad(corr, len(xv), w))


def seeded(x, w, step):
    """A recursive average seeded as TA-Lib seeds it: the mean of the first w values, then
    avg = step(avg, value). A missing value before the seed restarts it; after it the row is
    NaN and the average carries on."""
    x = np.asarray(x, dtype=float)
    out = np.full(len(x), np.nan)
    avg, seed = np.nan, []
    for i, v in enumerate(x):
        if not np.isfinite(v):
            if np.isnan(avg):
                seed = []
            continue
        if np.isnan(avg):
            seed.append(v)
            if len(seed) == w:
                avg = sum(seed) / w
                out[i] = avg
            continue
        avg = step(avg, v)
        out[i] = avg
    return out


def wilder(x, w):
    """TA-Lib's Wilder smoothing: avg += (x - avg) / w, seeded."""
    return seeded(x, w, lambda avg, v: avg + (v - avg) / w)


def smooth(series, w, how, exact):
    if how == "sma":
        return roll_mean(series, w, exact)
    if how == "wilder":
        return wilder(series, w)
    return pd.Series(series).ewm(alpha=2.0 / (w + 1.0), adjust=False, min_periods=w).mean().to_numpy()


# ---- the steps docs/spec.md defines ----------------------------------------------------------
def rsi(df, p, exact):
    delta = df["close"].diff()
    gain = delta.copy()
    loss = delta.copy()
    gain[gain < 0] = 0
    loss[loss > 0] = 0
    loss = abs(loss)
    how = p.get("smoothing", "sma")
    avg_gain = smooth(gain.to_numpy(), p.get("window", 14), how, exact)
    avg_loss = smooth(loss.to_numpy(), p.get("window", 14), how, exact)
    with np.errstate(all="ignore"):
        rs = avg_gain / avg_loss
        return {"rsi": 100 - (100 / (1 + rs))}


def macd(df, p, exact):
    ema_fast = df["close"].ewm(span=p.get("fast_period", 12), adjust=False).mean()
    ema_slow = df["close"].ewm(span=p.get("slow_period", 26), adjust=False).mean()
    m = ema_fast - ema_slow
    signal = m.ewm(span=p.get("signal_period", 9), adjust=False).mean()
    return {"macd": m.to_numpy(), "macd_signal": signal.to_numpy(), "macd_histogram": (m - signal).to_numpy()}


def bollinger(df, p, exact):
    w, k, ddof = p.get("window", 20), p.get("num_std_dev", 2.0), p.get("ddof", 1)
    close = df["close"].to_numpy()
    middle = roll_mean(close, w, exact)
    std = roll_std(close, w, exact, ddof)
    with np.errstate(all="ignore"):
        upper = middle + std * k
        lower = middle - std * k
        return {"bb_upper": upper, "bb_middle": middle, "bb_lower": lower,
                "bb_bandwidth": (upper - lower) / middle,
                "bb_percent_b": (close - lower) / (upper - lower)}


def atr(df, p, exact):
    high_low = df["high"] - df["low"]
    high_close = abs(df["high"] - df["close"].shift())
    low_close = abs(df["low"] - df["close"].shift())
    true_range = pd.concat([high_low, high_close, low_close], axis=1).max(axis=1)
    return {"atr": smooth(true_range.to_numpy(), p.get("window", 14), p.get("smoothing", "sma"), exact)}


def obv(df, p, exact):
    out = np.zeros(len(df))
    price_changes = df["close"].diff().values
    volume = df["volume"].values
    for i in range(1, len(df)):
        if price_changes[i] > 0:
            out[i] = out[i - 1] + volume[i]
        elif price_changes[i] < 0:
            out[i] = out[i - 1] - volume[i]
        else:
            out[i] = out[i - 1]
    return {"obv": out[: len(df)]}


def microstructure(df, p, exact):
    w, tw = p.get("window", 20), p.get("trend_window", 50)
    close, volume = df["close"], df["volume"]
    cp = close.pct_change().to_numpy()
    vp = volume.pct_change().to_numpy()
    with np.errstate(all="ignore"):
        return {
            "price_volatility": roll_std(cp, w, exact),
            "volume_volatility": roll_std(vp, w, exact),
            "price_volume_corr": roll_corr(cp, vp, w, exact),
            "price_acceleration": pd.Series(cp).diff().to_numpy(),
            "volume_acceleration": pd.Series(vp).diff().to_numpy(),
            "range_volatility_ratio": ((df["high"] - df["low"]).to_numpy()
                                       / (roll_std(close.to_numpy(), w, exact) * close.to_numpy())),
            "volume_surprise": volume.to_numpy() / roll_mean(volume.to_numpy(), w, exact) - 1,
            "price_gap": (df["open"] / close.shift(1) - 1).to_numpy(),
            "volume_gap": (volume / volume.shift(1) - 1).to_numpy(),
            "trend_strength": roll_mean(close.to_numpy(), w, exact) / roll_mean(close.to_numpy(), tw, exact) - 1,
        }


INDICATORS = {"rsi": rsi, "macd": macd, "bollinger": bollinger, "atr": atr, "obv": obv,
              "microstructure": microstructure}


def _sources(columns, base, apply_to):
    import fnmatch
    if apply_to in (None, "base"):
        return list(base)
    if apply_to == "all":
        return list(columns)
    names = []
    for pattern in apply_to:
        for c in columns:
            if fnmatch.fnmatchcase(c, pattern) and c not in names:
                names.append(c)
    return names


def transform(name, step, cols, base, exact):
    """Returns the new columns of one transformation step, in the original spec's loop order
    (docs/spec.md, Transformations)."""
    p = step.get("params", {})
    out = {}
    if name == "crossover":
        for a, b in p.get("pairs", []):
            x, y = pd.Series(cols[a]), pd.Series(cols[b])
            out[f"{a}_{b}_crossover"] = np.where(
                (x > y) & (x.shift(1) <= y.shift(1)), 1,
                np.where((x < y) & (x.shift(1) >= y.shift(1)), -1, 0)).astype(float)
        return out
    for col in _sources(list(cols.keys()), base, step.get("apply_to")):
        s = pd.Series(cols[col])
        if name == "lag":
            for period in p.get("periods", [1, 2, 3, 5, 10]):
                out[f"{col}_lag_{period}"] = s.shift(period).to_numpy()
        elif name == "diff":
            for period in p.get("periods", [1, 2, 3]):
                out[f"{col}_diff_{period}"] = s.diff(period).to_numpy()
        elif name == "pct_change":
            for period in p.get("periods", [1, 2, 3, 5, 10]):
                with np.errstate(all="ignore"):
                    out[f"{col}_pct_{period}"] = s.pct_change(period).to_numpy()
        elif name == "rolling":
            for window in p.get("windows", [5, 10, 20]):
                for func in p.get("functions", ["mean", "std", "min", "max"]):
                    key = f"{col}_roll_{window}_{func}"
                    if func == "mean":
                        out[key] = roll_mean(s.to_numpy(), window, exact)
                    elif func == "std":
                        out[key] = roll_std(s.to_numpy(), window, exact, p.get("ddof", 1))
                    elif func == "min":
                        out[key] = s.rolling(window=window).min().to_numpy()
                    else:
                        out[key] = s.rolling(window=window).max().to_numpy()
    return out


def compute_raw(df, config, exact):
    """Feature columns (ordered dict name -> array) before normalisation."""
    cols = {c: df[c].to_numpy(dtype=float) for c in BAR_COLUMNS}
    for section in ("indicators", "microstructure"):
        for step in config.get(section, []):
            if step.get("enabled", True):
                for name, values in INDICATORS[step["plugin"]](df, step.get("params", {}), exact).items():
                    cols[name + step.get("suffix", "")] = np.asarray(values, dtype=float)
    base = list(cols.keys())
    for step in config.get("transformations", []):
        if step.get("enabled", True):
            new = transform(step["plugin"], step, cols, base, exact)
            for name, values in new.items():
                cols[name + step.get("suffix", "")] = values
    return cols


def target(df, config):
    t = config.get("target", {})
    h = t.get("horizon", 1)
    future_return = df["close"].pct_change(h).shift(-h)
    result = np.where(future_return > 0, 1, 0).astype(float)
    if not t.get("seed_compat", False):
        result[len(result) - min(h, len(result)):] = np.nan
    return result


def normalize(matrix, config):
    """The original spec's min-max (nanmin/nanmax, zero range -> 1, nan_to_num) with Strata's
    fit and inf policies, column by column (docs/spec.md, Normalisation)."""
    norm = config.get("normalization", {})
    if norm.get("method", "minmax") == "none":
        return matrix
    policy, fit = norm.get("inf_policy", "spec"), norm.get("fit", "all")
    n = matrix.shape[0]
    out = np.empty_like(matrix)
    with np.errstate(all="ignore"):
        for j in range(matrix.shape[1]):
            x = matrix[:, j].copy()
            if policy == "nan":
                x[np.isinf(x)] = np.nan
            finite = np.where(np.isfinite(x), x, np.nan)
            fitted = x if policy in ("spec", "nan") else finite
            if fit == "expanding":
                # numpy's fmin/fmax skip NaN and keep inf (pandas' expanding() would drop inf)
                lo = np.fmin.accumulate(fitted)
                hi = np.fmax.accumulate(fitted)
            else:
                rows = n if fit == "all" else int(np.floor(norm.get("train_fraction", 0.7) * n))
                part = fitted[:rows]
                lo = np.nanmin(part) if rows and not np.all(np.isnan(part)) else np.nan
                hi = np.nanmax(part) if rows and not np.all(np.isnan(part)) else np.nan
            if policy == "clip":
                x = np.where(x == np.inf, hi, np.where(x == -np.inf, lo, x))
            rng = np.asarray(hi - lo, dtype=float)
            rng = np.where(rng == 0, 1.0, rng)
            y = (x - lo) / rng
            if policy == "keep":
                y = np.where(np.isnan(y), 0.0, y)
            else:
                y = np.nan_to_num(y)
            out[:, j] = y
    return out


# ---- command line ------------------------------------------------------------------------------
def load_bars(path):
    """Bars CSV as Strata reads it (timestamp + OHLCV, 'nan' or empty for missing values)."""
    df = pd.read_csv(path)
    df.columns = [c.strip().lower() for c in df.columns]
    for name in ("time", "date", "datetime", "ts"):
        if "timestamp" not in df.columns and name in df.columns:
            df = df.rename(columns={name: "timestamp"})
    return df[["timestamp"] + BAR_COLUMNS].astype({c: float for c in BAR_COLUMNS})


def load_config(path):
    """The pipeline as JSON, or as Strata's YAML when PyYAML is installed (same structure)."""
    import json
    with open(path) as f:
        text = f.read()
    if path.endswith((".yaml", ".yml")):
        import yaml  # python3-yaml; JSON needs nothing
        return yaml.safe_load(text) or {}
    return json.loads(text)


def write_columns(path, columns):
    """Writes named columns of doubles as CSV, every value exactly: a float's repr is the
    shortest text that reads back as the same double (nan, inf and -inf as such). Three times
    faster than pandas' to_csv with float_format, which formats each value in Python: the
    parity cases are ~20 million values."""
    names = list(columns)
    if any(c in name for name in names for c in ',"\n'):
        raise ValueError(f"a column name needs CSV quoting: {names}")
    arrays = [np.asarray(columns[name], dtype=np.float64) for name in names]
    rows = np.column_stack(arrays).tolist() if arrays else []
    with open(path, "w") as f:
        f.write(",".join(names) + "\n")
        f.writelines(",".join(map(repr, row)) + "\n" for row in rows)


def main(argv=None):
    import argparse
    parser = argparse.ArgumentParser(
        description="The spec's pipeline in pandas with Strata's options. Writes raw.csv (features "
                    "before normalisation), normalized.csv and target.csv, full precision, in "
                    "Strata's column order.")
    parser.add_argument("--bars", required=True, help="bars CSV: timestamp,open,high,low,close,volume")
    parser.add_argument("--config", required=True, help="pipeline as .json (or .yaml with PyYAML)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--variant", choices=["exact", "pandas"], default="exact",
                        help="rolling mean/std/corr two-pass per window (exact, what the C++ tests "
                             "compare against) or pandas' running sums (the spec's code)")
    args = parser.parse_args(argv)
    import os
    bars = load_bars(args.bars)
    config = load_config(args.config)
    cols = compute_raw(bars, config, exact=args.variant == "exact")
    os.makedirs(args.out, exist_ok=True)
    write_columns(os.path.join(args.out, "raw.csv"), cols)
    matrix = np.column_stack(list(cols.values())) if cols else np.empty((len(bars), 0))
    write_columns(os.path.join(args.out, "normalized.csv"), dict(zip(cols.keys(), normalize(matrix, config).T)))
    write_columns(os.path.join(args.out, "target.csv"), {"target": target(bars, config)})
    print(f"{len(bars)} rows x {len(cols)} feature columns -> {args.out}")


if __name__ == "__main__":
    main()
