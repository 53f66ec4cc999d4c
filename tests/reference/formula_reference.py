"""The documented formulas (docs/formulas.md) and their pandas equivalents, written from each
formula's meaning with pandas and numpy, not from Strata's evaluator. Run with Debian's pandas
(/usr/bin/python3).

Usage: formula_reference.py DATA_DIR OUT_DIR     the cases, in catalogue_reference.py's layout
       formula_reference.py --markdown           the table docs/formulas.md holds
       formula_reference.py --check-page PAGE    fails unless PAGE holds that table

Each case is a pipeline of expression steps (pipeline.yaml) and the pandas value of its last
step (expected.csv); tests/catalogue/test_catalogue_reference.cpp runs each through the engine
on the bundled real series and the hostile generated ones and compares at 1e-9 relative.

Strata's rules, which the equivalents apply where pandas differs:
- a comparison, and/or/not, sign, min, max, clip and where are NaN where an operand is NaN
  (pandas' `>` says False);
- a rolling window holding NaN or +-inf is NaN (as catalogue_reference.missing_as_nan);
- the rows inside a formula's lookback are NaN: `warm(x, lookback)` says so explicitly, and
  the lookback column of the table is the one Strata derives from the graph.
"""
import os
import re
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalogue_reference  # noqa: E402  (its series)
import make_cases  # noqa: E402  (its writers)
import reference  # noqa: E402  (the exact rolling statistics and seeded averages)


# ---- Strata's rules, in pandas ------------------------------------------------------------------
def missing(*series):
    mask = pd.Series(False, index=series[0].index)
    for s in series:
        mask |= s.isna()
    return mask


def truth(condition, *operands):
    """A comparison or logical result as 1/0, NaN where an operand is NaN."""
    return condition.astype(float).where(~missing(*operands))


def where(condition, if_true, if_false):
    picked = pd.Series(np.where(condition != 0, if_true, if_false), index=condition.index, dtype=float)
    return picked.where(condition.notna())


def warm(series, lookback):
    out = series.copy()
    out.iloc[:lookback] = np.nan
    return out


def rolling(series, n):
    return catalogue_reference.missing_as_nan(series).rolling(n, min_periods=n)


def exact_mean(series, n):
    return pd.Series(reference.roll_mean(series.to_numpy(), n, exact=True), index=series.index)


def exact_std(series, n, ddof):
    return pd.Series(reference.roll_std(series.to_numpy(), n, exact=True, ddof=ddof), index=series.index)


def talib_stddev(series, n):
    """TA-Lib's STDDEV: the population standard deviation, 0 where the variance is below 1e-8."""
    std = exact_std(series, n, ddof=0)
    return std.where(~(std * std < 1e-8), 0.0)


def seeded_ema(series, n):
    return pd.Series(catalogue_reference.seeded_average(series.to_numpy(), n, 2.0 / (n + 1)), index=series.index)


def crossed(a, b, sign):
    now, before = sign * (a - b), sign * (a.shift(1) - b.shift(1))
    return truth((now > 0) & (before <= 0), a, b, a.shift(1), b.shift(1))


def rsi(close, n):
    return pd.Series(reference.rsi(pd.DataFrame({"close": close}), {"window": n}, exact=True)["rsi"], index=close.index)


def log(x):
    with np.errstate(all="ignore"):
        return np.log(x)


# ---- the formulas: (name, formula, lookback, pandas equivalent, meaning) -----------------------
# An equivalent is a Python expression over the bars' columns o h l c v (pandas Series), the
# earlier steps' columns by name, numpy as np and the helpers above; docs/formulas.md shows it.
FORMULAS = [
    ("close_z20", "(close - sma(close, 20)) / stddev(close, 20)", 19,
     "(c - exact_mean(c, 20)) / talib_stddev(c, 20)",
     "distance from the 20-bar mean in population standard deviations (the issue's example; "
     "stddev is TA-Lib's STDDEV, 0 where the variance is below 1e-8, so on prices below ~0.01 "
     "`rolling_std` is the one to use)"),
    ("log_return", "log(close / lag(close, 1))", 1, "log(c / c.shift(1))", "one-bar log return"),
    ("return_5", "close / lag(close, 5) - 1", 5, "c / c.shift(5) - 1", "five-bar simple return"),
    ("overnight_gap", "open / lag(close) - 1", 1, "o / c.shift(1) - 1",
     "open against the previous close (lag's n defaults to 1)"),
    ("range_pct", "(high - low) / close", 0, "(h - l) / c", "the bar's range as a fraction of its close"),
    ("body_share", "abs(close - open) / (high - low)", 0, "(c - o).abs() / (h - l)",
     "candle body as a share of the range (inf or NaN on a bar without range, as IEEE says)"),
    ("upper_wick", "(high - max(open, close)) / close", 0, "(h - np.maximum(o, c)) / c",
     "upper shadow relative to the close"),
    ("up_bar", "where(close > open, 1, 0)", 0, "where(truth(c > o, c, o), 1.0, 0.0)",
     "1 on a bar that closed above its open"),
    ("sma_ratio", "sma(close, 10) / sma(close, 50) - 1", 49, "exact_mean(c, 10) / exact_mean(c, 50) - 1",
     "fast against slow moving average"),
    ("ema_spread", "(ema(close, 12) - ema(close, 26)) / close", 25, "(seeded_ema(c, 12) - seeded_ema(c, 26)) / c",
     "MACD line scaled by price (TA-Lib's SMA-seeded EMAs)"),
    ("rsi_centered", "(rsi(close, 14) - 50) / 50", 14, "(rsi(c, 14) - 50) / 50", "RSI mapped to -1 .. 1"),
    ("golden_cross", "cross_above(sma(close, 10), sma(close, 30))", 30,
     "crossed(exact_mean(c, 10), exact_mean(c, 30), 1)",
     "1 on the bar the 10-bar mean crosses above the 30-bar mean"),
    ("death_cross", "cross_below(sma(close, 10), sma(close, 30))", 30,
     "crossed(exact_mean(c, 10), exact_mean(c, 30), -1)", "1 on the bar it crosses below"),
    ("below_20_high", "close / rolling_max(high, 20) - 1", 19, "c / rolling(h, 20).max() - 1",
     "drawdown from the 20-bar high"),
    ("stochastic_k", "100 * (close - rolling_min(low, 14)) / (rolling_max(high, 14) - rolling_min(low, 14))", 13,
     "100 * (c - rolling(l, 14).min()) / (rolling(h, 14).max() - rolling(l, 14).min())",
     "fast %K written out (the two rolling_min calls are one node)"),
    ("relative_volume", "volume / rolling_mean(volume, 20)", 19, "v / exact_mean(v, 20)",
     "volume against its 20-bar mean"),
    ("realized_vol_20", "sqrt(252) * rolling_std(log(close / lag(close)), 20)", 20,
     "np.sqrt(252) * exact_std(log(c / c.shift(1)), 20, ddof=1)",
     "annualised close-to-close volatility (sample standard deviation)"),
    ("clipped_return", "clip(diff(close) / lag(close), -0.05, 0.05)", 1, "(c.diff() / c.shift(1)).clip(-0.05, 0.05)",
     "one-bar return limited to +-5%"),
    ("direction_run", "sign(diff(close)) + sign(lag(diff(close), 1))", 2, "np.sign(c.diff()) + np.sign(c.diff().shift(1))",
     "-2 .. 2: the directions of the last two bars"),
    ("band_signal",
     "where(close < bollinger.bb_lower(close, 20), 1, where(close > bollinger.bb_upper(close, 20), -1, 0))", 19,
     "where(truth(c < band(c, -2), c, band(c, -2)), 1.0, where(truth(c > band(c, 2), c, band(c, 2)), -1.0, 0.0))",
     "+1 below the lower Bollinger band, -1 above the upper, 0 inside"),
    ("volume_weighted_move", "rolling_sum(diff(close) * volume, 10) / rolling_sum(volume, 10)", 10,
     "warm(rolling(c.diff() * v, 10).sum() / rolling(v, 10).sum(), 10)",
     "average one-bar move weighted by volume"),
    ("typical_deviation_sq", "((high + low + close) / 3 - rolling_mean((high + low + close) / 3, 20)) ^ 2", 19,
     "((h + l + c) / 3 - exact_mean((h + l + c) / 3, 20)) ** 2",
     "squared distance of the typical price from its mean (^ is power)"),
    ("trend_with_volume", "where(close > sma(close, 50) and volume > rolling_mean(volume, 20), 1, 0)", 49,
     "warm(where(truth((c > exact_mean(c, 50)) & (v > exact_mean(v, 20)), c, exact_mean(c, 50), v, exact_mean(v, 20)), 1.0, 0.0), 49)",
     "1 above the 50-bar mean on above-average volume"),
    ("atr_pct", "atr(high, low, close, 14) / close", 13, "atr(h, l, c, 14) / c",
     "average true range as a fraction of price (a plugin with three inputs)"),
    # Formulas over an earlier formula's column: the pipeline runs the step it names first.
    ("log_return_z", "(log_return - rolling_mean(log_return, 20)) / rolling_std(log_return, 20)", 20,
     "(log_return - exact_mean(log_return, 20)) / exact_std(log_return, 20, ddof=1)",
     "z-score of the log return, over the log_return step's column"),
]


def band(close, k):
    """Bollinger's band k sample standard deviations from the 20-bar mean (the plugin's defaults)."""
    return exact_mean(close, 20) + k * exact_std(close, 20, ddof=1)


def atr(high, low, close, n):
    frame = pd.DataFrame({"high": high, "low": low, "close": close})
    return pd.Series(reference.atr(frame, {"window": n}, exact=True)["atr"], index=close.index)


def earlier_steps(formula):
    """The documented formulas whose columns this one reads, in pipeline order."""
    return [f for f in FORMULAS if f[0] != formula[0] and re.search(rf"\b{f[0]}\b", formula[1])]


def equivalent(formula, bars):
    scope = dict(globals(), o=bars["open"], h=bars["high"], l=bars["low"], c=bars["close"], v=bars["volume"])
    for earlier in earlier_steps(formula):
        scope[earlier[0]] = equivalent(earlier, bars)
    with np.errstate(all="ignore"):
        return eval(formula[3], scope)  # the documented expression, exactly as shown


def sensitivity(formula, bars, values):
    """Per row, how far the value moves when every rolling mean and standard deviation is nudged
    by 1e-15 relative (make_cases.py's rule: a few ulps, the rounding difference between two
    correct implementations). Formulas that subtract nearly equal numbers after a rolling
    statistic (prices near 1e6 moving by 1e-7) amplify it; the test allows 100 times it on top
    of 1e-9 relative."""
    moved = np.zeros(len(values))
    reference.PERTURB = 1e-15
    try:
        for pattern in (0, 1):
            reference.NUDGE_PATTERN = pattern
            nudged = np.asarray(equivalent(formula, bars), dtype=float)
            with np.errstate(all="ignore"):
                moved = np.maximum(moved, np.nan_to_num(np.abs(nudged - values), nan=0.0, posinf=0.0))
    finally:
        reference.PERTURB = 0.0
        reference.NUDGE_PATTERN = 0
    return moved


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pipeline_yaml(formula):
    steps = earlier_steps(formula) + [formula]
    return "indicators:\n" + "".join(
        f"  - plugin: expression\n    params: {{name: {f[0]}, formula: {quoted(f[1])}}}\n" for f in steps)


def markdown():
    rows = ["| name | formula | lookback | pandas equivalent | meaning |", "|---|---|---|---|---|"]
    for name, formula, lookback, pandas, meaning in FORMULAS:
        cells = [f"`{name}`", f"`{formula}`", str(lookback), f"`{pandas}`", meaning]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def formula_cases(frame):
    for formula in FORMULAS:
        values = np.asarray(equivalent(formula, frame), dtype=float)
        yield formula[0], pipeline_yaml(formula), {
            "expected.csv": {formula[0]: values},
            "sensitivity.csv": {formula[0]: sensitivity(formula, frame, values)}}


def main():
    if sys.argv[1:] == ["--markdown"]:
        sys.stdout.write(markdown())
        return
    if sys.argv[1] == "--check-page":
        with open(sys.argv[2]) as f:
            if markdown() not in f.read():
                raise SystemExit(f"{sys.argv[2]} does not hold the formulas' table: paste the output of "
                                 "tests/reference/formula_reference.py --markdown")
        print(f"{sys.argv[2]}: the table is current")
        return
    catalogue_reference.write_case_set(sys.argv[1], sys.argv[2], formula_cases)


if __name__ == "__main__":
    main()
