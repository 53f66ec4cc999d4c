"""Multi-timeframe generation (default pipeline; 1m,5m,15m,1h,1d over one year of 1m bars):
the engine sequential (1 thread) and parallel (2 threads), each in its own process, and the
pandas reference doing the same work (resample(...).agg(...) per timeframe, then
tests/reference/reference.py's pipeline, target and min-max). Medians, ratios, peak RSS.

  /usr/bin/python3 benchmarks/compare_multitimeframe.py --build build [--rows 525600] [--repeat 3]
"""
import argparse
import os
import sys
import tempfile

from compare_support import run_child, synthesize_bars

HERE = os.path.dirname(os.path.abspath(__file__))
PANDAS_SIDE = r'''
import json, sys, time, resource
import numpy as np, pandas as pd
sys.path.insert(0, sys.argv[1])
import reference, make_cases
minutes = pd.read_csv(sys.argv[2])
rules = {"1m": None, "5m": "5min", "15m": "15min", "1h": "1h", "1d": "1D"}
runs = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    indexed = minutes.set_index(pd.to_datetime(minutes["timestamp"], utc=True)).drop(columns=["timestamp"])
    for tf in sys.argv[4].split(","):
        if rules[tf] is None:
            bars = minutes
        else:
            g = indexed.resample(rules[tf], label="left", closed="left")
            bars = g.agg({"open": "first", "high": "max", "low": "min", "close": "last", "volume": "sum"})
            bars = bars[g["close"].count() > 0].reset_index()
        cols = reference.compute_raw(bars, make_cases.DEFAULT, exact=False)
        matrix = np.column_stack(list(cols.values()))
        target = reference.target(bars, make_cases.DEFAULT)
        normalized = reference.normalize(matrix, make_cases.DEFAULT)
        del cols, matrix, normalized
    runs.append(time.perf_counter() - start)
runs.sort()
print(json.dumps({"engine": "pandas", "runs": runs, "median_s": runs[len(runs) // 2],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))
'''



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=525600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandas-repeat", type=int, default=1)
    parser.add_argument("--timeframes", default="1m,5m,15m,1h,1d")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bars = os.path.join(tmp, "SYN.csv")
        synthesize_bars(args.build, args.rows, bars)
        bench = os.path.join(args.build, "bin", "bench_multitimeframe")
        common = ["--dir", tmp, "--symbol", "SYN", "--timeframes", args.timeframes, "--repeat", str(args.repeat)]
        seq = run_child([bench, *common, "--mode", "sequential"])
        par = run_child([bench, *common, "--mode", "parallel", "--threads", "2"])
        pandas = run_child([sys.executable, "-c", PANDAS_SIDE, os.path.join(HERE, "..", "tests", "reference"),
                            bars, str(args.pandas_repeat), args.timeframes])
    for r in (seq, par):
        print(f"{r['mode']:10s} median {r['median_s']:.3f} s  runs {r['runs']}  peak RSS {r['peak_rss_mb']:.0f} MiB"
              f" (matrices {r['matrices_mb']:.0f} MiB)")
    print(f"pandas     median {pandas['median_s']:.3f} s  runs {[round(x, 3) for x in pandas['runs']]}  peak RSS {pandas['peak_rss_mb']:.0f} MiB")
    print(f"parallel (2 threads) vs sequential: {seq['median_s'] / par['median_s']:.2f}x")
    print(f"parallel vs pandas: {pandas['median_s'] / par['median_s']:.1f}x")
    print(f"loading: first parse {par['first_parse_s']:.3f} s; base once + resample {par['load_once_and_resample_s']:.4f} s;"
          f" one loadBars per timeframe {par['load_per_timeframe_s']:.4f} s")


if __name__ == "__main__":
    main()
