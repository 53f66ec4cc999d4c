"""Formulas side by side in one run (issue 13): on the same `strata-cli synth` bars (a year of
1m bars by default), the ns per bar of
  - the SMA plugin and `sma(close, 30)` as a formula (the bar: within 1.2x), and
  - a 10-node formula and the same expression in pandas (the bar: at least 20x faster),
with medians of --repeat runs and each side's peak RSS (its own process).

  /usr/bin/python3 benchmarks/compare_formula.py --build build [--rows 525600] [--repeat 9]

The engine's figures are one step computed through its plugin interface on one thread (what a
pipeline's worker runs); pandas' the expression on Series already in memory. Neither side counts
reading the CSV.
"""
import argparse
import os
import sys
import tempfile

from compare_support import run_child, synthesize_bars

PANDAS_SIDE = r'''
import json, resource, sys, time
import numpy as np, pandas as pd
bars = pd.read_csv(sys.argv[1])
c, v = bars["close"], bars["volume"]
runs = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    value = (c - c.rolling(20).mean()) / c.rolling(20).std() * np.where(v > v.rolling(20).mean(), 1, -1)
    runs.append((time.perf_counter() - start) * 1e9 / len(bars))
    del value
runs.sort()
print(json.dumps({"rows": len(bars), "ns_per_bar": runs[len(runs) // 2], "version": pd.__version__,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))
'''


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=525600)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bars = os.path.join(tmp, "bars.csv")
        synthesize_bars(args.build, args.rows, bars)
        engine = run_child([os.path.join(args.build, "bin", "bench_formula"), "--data", bars, "--repeat", str(args.repeat)])
        pandas = run_child([sys.executable, "-c", PANDAS_SIDE, bars, str(args.repeat)])
    ns = engine["ns_per_bar"]
    print(f"{engine['rows']} bars, medians of {args.repeat} runs; load average {os.getloadavg()[0]:.2f} at the end")
    print("| step | ns/bar | ratio | peak RSS |")
    print("|---|---|---|---|")
    print(f"| SMA plugin, window 30 | {ns['sma_plugin']:.2f} | 1 | {engine['peak_rss_mb']:.0f} MiB (the engine process) |")
    print(f"| `sma(close, 30)` as a formula | {ns['sma_formula']:.2f} | {ns['sma_formula'] / ns['sma_plugin']:.2f}x the plugin | |")
    print(f"| 10-node formula: `{engine['ten_node_formula']}` | {ns['ten_node_formula']:.2f} | "
          f"**{pandas['ns_per_bar'] / ns['ten_node_formula']:.1f}x faster** than pandas | |")
    print(f"| the same in pandas {pandas['version']} | {pandas['ns_per_bar']:.2f} | | {pandas['peak_rss_mb']:.0f} MiB |")


if __name__ == "__main__":
    main()
