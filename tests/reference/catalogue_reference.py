"""Independent pandas/numpy references for the catalogue's indicators that TA-Lib 0.4 does not
have (issue 12, item 2: Donchian, Keltner, VWAP, ...), written from each indicator's published
definition, not from Strata's C++ code. Run with Debian's pandas (/usr/bin/python3).

Usage: catalogue_reference.py DATA_DIR OUT_DIR
Writes OUT_DIR/<series>/bars.csv for the bundled real series and the hostile generated ones
(make_cases.py's), and for every case OUT_DIR/<series>/<case>/pipeline.yaml (one step) and
expected.csv (the reference's columns, named as the plugin names them). manifest.txt lists
"<series>/<case>" per line. tests/catalogue/test_catalogue_reference.cpp runs each pipeline on
its bars through the real plugins and compares every expected column at 1e-9 relative.

Strata's convention for missing inputs, which the references apply first: a NaN or +-inf bar
value is missing, and every window holding one is NaN (pandas' rolling max would skip NaN with
min_periods and keep infinities).
"""
import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_cases  # noqa: E402  (its series and writers)
import reference  # noqa: E402  (the seeded recursive averages)


def missing_as_nan(series):
    return series.where(np.isfinite(series))


def rolling_max(series, window):
    return missing_as_nan(series).rolling(window, min_periods=window).max()


def rolling_min(series, window):
    return missing_as_nan(series).rolling(window, min_periods=window).min()


def ratio(numerator, denominator):
    """numerator / denominator, NaN where the denominator is 0 (not +-inf)."""
    return numerator / denominator.where(denominator != 0)


# ---- the references: plugin id -> function(bars, params) -> {column: values} -------------------
def donchian(df, p):
    """Donchian (1960s), as pandas-ta's donchian and TradingView's DC: the highest high and the
    lowest low of the last `window` bars, the current bar included."""
    upper = rolling_max(df["high"], p["window"])
    lower = rolling_min(df["low"], p["window"])
    middle = (upper + lower) / 2
    return {"dc_upper": upper, "dc_middle": middle, "dc_lower": lower,
            "dc_width": ratio(upper - lower, middle)}


def seeded_average(x, window, alpha):
    """avg += alpha * (v - avg), seeded as TA-Lib seeds it (reference.seeded)."""
    return reference.seeded(x, window, lambda avg, v: avg + alpha * (v - avg))


def talib_atr(df, window):
    """TA-Lib's ATR: true ranges from row 1 (pandas' max skips a missing previous close),
    Wilder's smoothing (alpha 1 / window)."""
    previous = df["close"].shift()
    true_range = pd.concat([df["high"] - df["low"], (df["high"] - previous).abs(),
                            (df["low"] - previous).abs()], axis=1).max(axis=1)
    true_range.iloc[:1] = np.nan
    return seeded_average(true_range, window, 1.0 / window)


def keltner(df, p):
    """Keltner channels as pandas-ta's kc (one length for the EMA and the ATR), with TA-Lib's
    EMA seeding and TA-Lib's ATR."""
    window, multiplier = p["window"], p["multiplier"]
    middle = pd.Series(seeded_average(df["close"], window, 2.0 / (window + 1)))
    band = multiplier * pd.Series(talib_atr(df, window))
    upper, lower = middle + band, middle - band
    return {"kc_upper": upper, "kc_middle": middle, "kc_lower": lower,
            "kc_width": ratio(upper - lower, middle)}


REFERENCES = {"donchian": donchian, "keltner": keltner}

# (plugin, params): every case runs on every series.
CASES = [
    ("donchian", {"window": 20}),
    ("donchian", {"window": 1}),
    ("donchian", {"window": 55}),
    ("keltner", {"window": 20, "multiplier": 2.0}),
    ("keltner", {"window": 1, "multiplier": 1.5}),
    ("keltner", {"window": 10, "multiplier": 0.0}),
]


def case_name(plugin, params):
    return "_".join([plugin] + [f"{k}{v}" for k, v in sorted(params.items())])


def series(data_dir):
    found = {"spx": make_cases.read_bundled(os.path.join(data_dir, "SPX.csv")),
             "aapl": make_cases.read_bundled(os.path.join(data_dir, "AAPL.csv"))}
    for name, bars in make_cases.hostile_cases().items():
        if name != "unsorted_duplicates":  # the reader sorts and drops duplicates: not this test's subject
            found[name] = bars
    return found


def write_case_set(data_dir, out_dir, cases):
    """Writes every series' bars and, per case, pipeline.yaml and the case's files:
    cases(frame) yields (case name, pipeline yaml, {file name: {column: values}}). Also
    manifest.txt, one "<series>/<case>" per line."""
    manifest = []
    for series_name, bars in series(data_dir).items():
        os.makedirs(os.path.join(out_dir, series_name), exist_ok=True)
        make_cases.write_bars(bars, os.path.join(out_dir, series_name, "bars.csv"))
        for name, yaml, files in cases(bars.reset_index(drop=True)):
            case_dir = os.path.join(out_dir, series_name, name)
            os.makedirs(case_dir, exist_ok=True)
            with open(os.path.join(case_dir, "pipeline.yaml"), "w") as f:
                f.write(yaml)
            for file_name, columns in files.items():
                reference.write_columns(os.path.join(case_dir, file_name), columns)
            manifest.append(f"{series_name}/{name}")
    with open(os.path.join(out_dir, "manifest.txt"), "w") as f:
        f.write("\n".join(manifest) + "\n")
    print(f"{len(manifest)} cases")


def plugin_cases(frame):
    for plugin, params in CASES:
        inner = ", ".join(f"{k}: {make_cases.yaml_value(v)}" for k, v in params.items())
        yaml = f"indicators:\n  - plugin: {plugin}\n    params: {{{inner}}}\n"
        yield case_name(plugin, params), yaml, {"expected.csv": REFERENCES[plugin](frame, params)}


def main():
    write_case_set(sys.argv[1], sys.argv[2], plugin_cases)


if __name__ == "__main__":
    main()
